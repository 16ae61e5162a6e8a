"""The import structure the README's Layout section promises, checked over the source itself."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(package):
    """{module path: the Limber modules it imports} for every module in `package` but migrations."""
    found = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
            elif isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
        found[str(path.relative_to(ROOT))] = {
            name for name in names if name.split(".")[0] in {"stretches", "accounts", "config"}
        }
    return found


def test_accounts_uses_only_the_personal_data_functions_of_stretches():
    reaching_in = {
        module: sorted(name for name in names if name.startswith("stretches"))
        for module, names in imported_modules("accounts").items()
    }

    assert {module: names for module, names in reaching_in.items() if names} == {
        "accounts/services.py": ["stretches.personal_data"],
        "accounts/signals.py": ["stretches.personal_data"],
        "accounts/views.py": ["stretches.personal_data"],
    }


def test_stretches_never_imports_accounts():
    offenders = {
        module: sorted(names)
        for module, names in imported_modules("stretches").items()
        if any(name.startswith("accounts") for name in names)
    }

    assert offenders == {}


def test_models_and_the_screening_package_import_nothing_above_them():
    upward = {"stretches.views", "stretches.forms", "stretches.urls", "stretches.admin"}
    offenders = {
        module: sorted(names & upward)
        for module, names in imported_modules("stretches").items()
        if module.startswith(("stretches/models/", "stretches/screening/")) and names & upward
    }
    models_reaching_out = {
        module: sorted(name for name in names if not name.startswith("stretches.models"))
        for module, names in imported_modules("stretches/models").items()
    }

    assert offenders == {}
    assert {module: names for module, names in models_reaching_out.items() if names} == {}
