"""Benchmarks do SUAS-CE (`make bench`): medem o sistema e reescrevem `docs/benchmarks.md`.

Cada benchmark é uma função assíncrona `(Bancada) -> Secao` registrada em `bench.executar.BENCHMARKS`;
o relatório junta as seções na ordem do registro. Para medir algo novo, escreva a função (veja
`bench.barramento`) e acrescente-a à tupla.
"""
