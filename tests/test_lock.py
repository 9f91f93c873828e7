"""The hash-checked lock (requirements.txt): it satisfies every requirement pyproject.toml
states (checked offline), every pin carries hashes, the environment the tests run in is
exactly the lock, and pip refuses a lock whose hash was tampered with."""

from __future__ import annotations

import base64
import hashlib
import re
import subprocess
import sys
import tomllib
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def pins(lock: str) -> dict[str, str]:
    """Each locked package's canonical name and version."""
    return {canonicalize_name(m[1]): m[2] for line in lock.splitlines() if (m := PIN.match(line))}


def requirements(pyproject: dict[str, object]) -> list[Requirement]:
    """Everything pyproject.toml asks for: dependencies, every extra and the build system."""
    project = pyproject["project"]
    build = pyproject["build-system"]
    assert isinstance(project, dict) and isinstance(build, dict)
    extras = project.get("optional-dependencies", {})
    texts = [*project["dependencies"], *(r for group in extras.values() for r in group), *build["requires"]]
    return [Requirement(text) for text in texts]


def disagreements(pyproject: dict[str, object], lock: str) -> list[str]:
    """The requirements the lock's pins do not satisfy, said as `make lock` would fix them."""
    locked = pins(lock)
    problems = []
    for requirement in requirements(pyproject):
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue
        version = locked.get(canonicalize_name(requirement.name))
        if version is None:
            problems.append(f"{requirement} is not in the lock")
        elif not requirement.specifier.contains(version, prereleases=True):
            problems.append(f"{requirement} is not satisfied by the locked {requirement.name}=={version}")
    return problems


def current() -> tuple[dict[str, object], str]:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return pyproject, (ROOT / "requirements.txt").read_text(encoding="utf-8")


def test_the_lock_satisfies_pyproject() -> None:
    assert disagreements(*current()) == []


def test_a_drifted_lock_is_caught() -> None:
    pyproject, lock = current()
    project = pyproject["project"]
    assert isinstance(project, dict)
    project["dependencies"] = [*project["dependencies"], "pyyaml>=99", "left-out-package>=1"]
    version = pins(lock)["pyyaml"]
    assert disagreements(pyproject, lock) == [
        f"pyyaml>=99 is not satisfied by the locked pyyaml=={version}",
        "left-out-package>=1 is not in the lock",
    ]


def test_every_pin_has_hashes() -> None:
    _, lock = current()
    entries = re.split(r"\n(?=[A-Za-z0-9])", lock.split("\n", 6)[-1])
    locked = [entry for entry in entries if PIN.match(entry)]
    assert len(locked) == len(pins(lock)) > 40
    assert [entry.split(" ")[0] for entry in locked if "--hash=sha256:" not in entry] == []
    assert "--index-url" not in lock and "--find-links" not in lock and "--extra-index-url" not in lock


def test_the_environment_is_exactly_the_lock() -> None:
    if not Path(sys.prefix, "bin", "perfcode").exists() or Path(sys.prefix).name != ".venv":
        pytest.skip("not the environment `make` builds from the lock")
    installed = {
        canonicalize_name(d.metadata["Name"]): d.version
        for d in metadata.distributions()
        if canonicalize_name(d.metadata["Name"]) != "perfcode"
    }
    assert installed == pins(current()[1])


def _wheel(folder: Path) -> Path:
    """A one-module wheel, made here so that the install below needs no index."""
    path = folder / "tamper_probe-1.0-py3-none-any.whl"
    files = {
        "tamper_probe.py": b"VALUE = 1\n",
        "tamper_probe-1.0.dist-info/METADATA": b"Metadata-Version: 2.1\nName: tamper-probe\nVersion: 1.0\n",
        "tamper_probe-1.0.dist-info/WHEEL": b"Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = "".join(
        f"{name},sha256={base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()},{len(data)}\n"
        for name, data in files.items()
    )
    with zipfile.ZipFile(path, "w") as wheel:
        for name, data in files.items():
            wheel.writestr(name, data)
        wheel.writestr("tamper_probe-1.0.dist-info/RECORD", record + "tamper_probe-1.0.dist-info/RECORD,,\n")
    return path


@pytest.mark.parametrize("tampered", [False, True], ids=["as-locked", "tampered"])
def test_an_install_refuses_a_tampered_hash(tmp_path: Path, tampered: bool) -> None:
    wheel = _wheel(tmp_path)
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if tampered:
        digest = ("0" if digest[0] != "0" else "1") + digest[1:]
    lock = tmp_path / "requirements.txt"
    lock.write_text(f"tamper-probe==1.0 \\\n    --hash=sha256:{digest}\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-index",
         "--find-links", str(tmp_path), "--target", str(tmp_path / "site"),
         "--require-hashes", "--no-deps", "-r", str(lock)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert (result.returncode != 0) is tampered
    assert ("DO NOT MATCH THE HASHES" in result.stderr) is tampered
