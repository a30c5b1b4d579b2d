"""Onde e quando a medida foi feita: sem isso os números não se comparam."""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path


@dataclass(frozen=True)
class Maquina:
    data: datetime
    nucleos: int
    cpu: str
    memoria: str
    python: str
    plataforma: str
    carga: str  # loadavg no início: outros processos na máquina distorcem as medidas

    @classmethod
    def atual(cls) -> Maquina:
        return cls(
            data=datetime.now(UTC),
            nucleos=_nucleos(),
            cpu=_modelo_cpu(),
            memoria=_memoria(),
            python=f"{platform.python_implementation()} {platform.python_version()}",
            plataforma=platform.platform(),
            carga=" / ".join(_ler("/proc/loadavg").split()[:3]) or "desconhecida",
        )


def _nucleos() -> int:
    # Como `nproc`: respeita a afinidade do processo (contêineres, taskset), não o total da máquina.
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _ler(caminho: str) -> str:
    try:
        return Path(caminho).read_text()
    except OSError:
        return ""


def _modelo_cpu() -> str:
    for linha in _ler("/proc/cpuinfo").splitlines():
        if linha.startswith("model name"):
            return linha.split(":", 1)[1].strip()
    return platform.processor() or "desconhecido"


def _memoria() -> str:
    for linha in _ler("/proc/meminfo").splitlines():
        if linha.startswith("MemTotal:"):
            return f"{int(linha.split()[1]) / 1024 / 1024:.1f} GiB"
    return "desconhecida"
