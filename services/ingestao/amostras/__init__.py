"""Amostras de dados nos formatos reais de publicação (`suas-ce gerar-dados`).

Funções puras e determinísticas: cada arquivo usa o seu próprio `random.Random` semeado com a
semente e o nome do arquivo (nunca o `random` global), então a mesma semente reproduz os mesmos
bytes — inclusive das planilhas XLSX, cujas datas internas são fixadas. Tudo é gravado linha a
linha; o RMA nacional (≈103 000 linhas) não passa por lista em memória.

- `gerar_ceara`: os 184 municípios e os 393 CRAS reais do cadastro de 2019
  (`data/referencias/ce_cras_2019.csv`), mais 15 CRAS novos (8 a partir de 2022, 7 de 2023), com
  Censo SUAS (CRAS, RH, CREAS, Centro Pop, acolhimento, conselhos), IDCRAS, RMA, SISC, indicadores
  e saldos, nos formatos de `docs/formatos.md`. O arquivo de municípios não é gerado: é o de
  `data/referencias/ce_municipios.csv`.
- `gerar_nacional`: 5 570 municípios (os do Ceará reais, os demais sintéticos com código IBGE
  válido), ≈8 600 CRAS, Censo CRAS 2023 e RMA 2023, para benchmarks.

Decisões de formato que o importador precisa conhecer:
- Censo SUAS, RMA e o IDCRAS em CSV: `;`, Windows-1252, linhas terminadas em CRLF; Latitude e
  Longitude com vírgula decimal; o nome do município (`q0_9`/`q09`) sempre entre aspas simples e
  cerca de 8% dos nomes de CRAS também (nunca um nome que já tenha apóstrofo, como `Sant'Anna`).
- Censo CRAS até 2021 traz só `IBGE` (6 dígitos); de 2022 em diante só `IBGE7`. O RH traz `IBGE`
  sempre e `IBGE7` a partir de 2022, além de `NOME_TRABALHADOR`, `CPF` (11 dígitos, sem máscara) e
  `DATA_NASCIMENTO`, que devem ser descartados.
- IDCRAS XLSX: seis linhas de título, cabeçalho na linha 7; identificador e código IBGE gravados
  como números (como na planilha do MDS), `Porte` como nome até 2022 e como código 1–5 em 2023.
- SISC: `;`, UTF-8 com BOM. Indicadores e município nacional: `,`, UTF-8, ponto decimal.
  Saldos: `;`, UTF-8, vírgula decimal.
- No RMA, campo vazio é "não informado" (≈1% dos campos).

Carga do conjunto nacional: o serviço de ingestão valida os municípios contra a UF configurada (CE
por padrão, `SUAS_INGESTAO_UF_REFERENCIA`/`CODIGO_UF_REFERENCIA`), então `municipios_nacional.csv`
não entra inteiro numa instância configurada para uma UF. Os arquivos são só gerados aqui; como o
benchmark os carrega será decidido à parte.
"""

from services.ingestao.amostras.gerador import gerar_ceara, gerar_nacional
from services.ingestao.amostras.modelo import ArquivoGerado

__all__ = ["ArquivoGerado", "gerar_ceara", "gerar_nacional"]
