"""Benchmarks do SUAS-CE (`make bench`): medem o sistema e reescrevem `docs/benchmarks.md`.

Cada benchmark é uma função assíncrona `(Bancada) -> Resultado` (linhas de tabela e notas),
registrada em `bench.executar.BENCHMARKS` com um título estável; o relatório junta as seções na
ordem do registro. Para medir algo novo, escreva a função (veja `bench.barramento`) e registre-a.
Metas não atingidas são resultado, não erro: a saída só é diferente de zero se um benchmark quebrar.
"""
