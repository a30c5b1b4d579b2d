#!/usr/bin/env bash
# Aplica um overlay do SUAS-CE na ordem que importa (docs/operacao.md):
#   1. apaga os Jobs de migração da versão anterior (o template de um Job não pode mudar);
#   2. aplica tudo (`kubectl apply -k`); os pods novos esperam a migração no initContainer;
#   3. espera as migrações terminarem e os Deployments concluírem o rollout.
# Uso: deploy/k8s/aplicar.sh overlays/prod   (ou overlays/dev)
set -euo pipefail
overlay=${1:?"uso: $0 overlays/<dev|prod>"}
ns=${SUAS_NAMESPACE:-suas-ce}
cd "$(dirname "$0")"

kubectl delete job -n "$ns" -l app.kubernetes.io/part-of=suas-ce,app.kubernetes.io/component=migracao \
  --ignore-not-found --wait=true
kubectl apply -k "$overlay"
kubectl wait -n "$ns" --for=condition=complete job \
  -l app.kubernetes.io/part-of=suas-ce,app.kubernetes.io/component=migracao --timeout=20m
for servico in ingestao cofinanciamento monitoramento premiacao; do
  kubectl rollout status -n "$ns" "deployment/suas-ce-$servico" --timeout=15m
done
