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

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def set_vba_import(ctx):
    """Switch on /org.openoffice.Office.Calc/Filter/Import/VBA Load + Executable."""
    provider = ctx.ServiceManager.createInstanceWithContext(
        "com.sun.star.configuration.ConfigurationProvider", ctx
    )
    access = provider.createInstanceWithArguments(
        "com.sun.star.configuration.ConfigurationUpdateAccess",
        (prop("nodepath", "/org.openoffice.Office.Calc/Filter/Import/VBA"),),
    )
    access.setPropertyValue("Load", True)
    access.setPropertyValue("Executable", True)
    access.commitChanges()


def main(path):
    profile = tempfile.mkdtemp(prefix="pg-uno-profile-")
    pipe = "pg_uno_" + uuid.uuid4().hex
    proc = subprocess.Popen(
        [
            "soffice",
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nodefault",
            "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        ctx = None
        deadline = time.time() + 90
        while ctx is None:
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            except NoConnectException:
                if time.time() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.5)
        set_vba_import(ctx)
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        url = uno.systemPathToFileUrl(os.path.abspath(path))
        doc = desktop.loadComponentFromURL(
            url,
            "_blank",
            0,
            (prop("Hidden", True), prop("MacroExecutionMode", 0), prop("ReadOnly", True)),
        )
        if doc is None:
            raise SystemExit("LibreOffice could not open " + path)
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
        with contextlib.suppress(Exception):  # the bridge drops while soffice exits
            desktop.terminate()
    finally:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: list_vba_modules.py BOOK.xlsm")
    main(sys.argv[1])
