"""A private headless LibreOffice for the scripts in this folder (run by ``/usr/bin/python3``).

``office()`` starts soffice with a fresh profile in a temp dir, listening on a pipe of its
own, connects through the UnoUrlResolver (waiting up to 90 s) and yields ``(ctx, desktop)``.
On leaving it waits for soffice to exit (killing it after 30 s; callers end it with
``terminate(desktop)``) and removes the profile. Importable by the scripts here because
their own folder is on ``sys.path`` when they run as scripts.
"""

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
import uuid

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

CONNECT_SECONDS = 90
EXIT_SECONDS = 30


def prop(name, value):
    """A ``PropertyValue`` with this name and value."""
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


def _connect(pipe, proc):
    """The remote component context, retried until soffice listens (or exits, or time runs out)."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.time() + CONNECT_SECONDS
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if time.time() > deadline or proc.poll() is not None:
                raise
            time.sleep(0.5)


class _Office:
    """The context manager behind ``office()`` (a class: ``contextlib.contextmanager`` would
    try to set ``__traceback__`` on UNO exceptions, which pyuno refuses)."""

    def __init__(self, profile_prefix, vba_import):
        self.profile_prefix = profile_prefix
        self.vba_import = vba_import

    def __enter__(self):
        self.profile = tempfile.mkdtemp(prefix=self.profile_prefix)
        pipe = "pg_uno_" + uuid.uuid4().hex
        self.proc = subprocess.Popen(
            [
                "soffice", "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
                "-env:UserInstallation=" + uno.systemPathToFileUrl(self.profile),
                f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # its own process group: soffice.bin dies with it
        )
        try:
            ctx = _connect(pipe, self.proc)
            if self.vba_import:
                set_vba_import(ctx)
            desktop = ctx.ServiceManager.createInstanceWithContext(
                "com.sun.star.frame.Desktop", ctx
            )
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return ctx, desktop

    def __exit__(self, *exc):
        try:
            self.proc.wait(timeout=0 if exc and exc[0] is not None else EXIT_SECONDS)
        except subprocess.TimeoutExpired:
            pass
        try:  # the wrapper may be gone while soffice.bin lives on: end the whole group
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)
        return False


def office(profile_prefix="pg-uno-profile-", vba_import=False):
    """Start a private headless soffice; give ``(ctx, desktop)``; wait for it and clean up.

    Use as ``with office() as (ctx, desktop):``. ``vba_import`` switches on the VBA import
    (``set_vba_import``) before the desktop is made.
    """
    return _Office(profile_prefix, vba_import)


def load(desktop, path, *options):
    """Open ``path`` (hidden, plus ``options``) or exit with "LibreOffice could not open PATH"."""
    doc = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(os.path.abspath(path)), "_blank", 0,
        (prop("Hidden", True), *options),
    )
    if doc is None:
        raise SystemExit("LibreOffice could not open " + path)
    return doc


def terminate(desktop):
    """Ask soffice to exit (the bridge drops while it does, so errors are ignored)."""
    with contextlib.suppress(Exception):
        desktop.terminate()
