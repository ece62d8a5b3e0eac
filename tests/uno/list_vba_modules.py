"""List the Basic modules LibreOffice imports from a workbook's VBA project.

Run with the system Python that has python3-uno (``/usr/bin/python3``):

    /usr/bin/python3 tests/uno/list_vba_modules.py BOOK.xlsm

Starts its own headless soffice (fresh profile in a temp dir, VBA import
``Load`` and ``Executable`` switched on), opens the workbook hidden and prints
JSON ``{"libraries": {library: {module: source}}}`` for every Basic library
of the document (the VBA project lands in a library named after the project,
e.g. ``VBAProject``; ``Standard`` stays empty), then stops the soffice
process it started (by its pid).
"""

import json
import sys

from office_session import load, office, prop, terminate


def main(path):
    with office(vba_import=True) as (_ctx, desktop):
        doc = load(desktop, path, prop("MacroExecutionMode", 0), prop("ReadOnly", True))
        libs = doc.BasicLibraries
        result = {"libraries": {}}
        for lib_name in libs.getElementNames():
            libs.loadLibrary(lib_name)
            lib = libs.getByName(lib_name)
            result["libraries"][lib_name] = {
                name: lib.getByName(name) for name in lib.getElementNames()
            }
        doc.close(True)
        print(json.dumps(result))
        terminate(desktop)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: list_vba_modules.py BOOK.xlsm")
    main(sys.argv[1])
