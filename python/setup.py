"""Builds Equity's C ABI (libEquityC.so) with Swift and puts it inside the package.

`pip install ./python` and `pip wheel ./python` run this on a machine with Swift: it runs
`swift build -c release --product EquityC -Xswiftc -static-stdlib` in the repository above this
folder, so the wheel carries the Swift runtime linked in and installs where Swift is absent.
LAPACK/OpenBLAS (loaded when a method needs them) and zlib stay system libraries (Linux).
Set EQUITY_LIBRARY to a prebuilt libEquityC.so to skip the Swift build.
"""
import os
import re
import shutil
import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

try:
    from setuptools.command.bdist_wheel import bdist_wheel
except ImportError:  # setuptools < 70.1
    from wheel.bdist_wheel import bdist_wheel

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def version():
    text = (ROOT / "Sources/EquityCore/Support/EquityVersion.swift").read_text()
    return re.search(r'static let string = "([^"]+)"', text).group(1)


class BuildWithSwift(build_py):
    def run(self):
        super().run()
        target = Path(self.build_lib) / "equity" / "_lib"
        target.mkdir(parents=True, exist_ok=True)
        prebuilt = os.environ.get("EQUITY_LIBRARY")
        if prebuilt:
            library = Path(prebuilt)
        else:
            scratch = Path(os.environ.get("EQUITY_SWIFT_SCRATCH", ROOT / ".build-python"))
            subprocess.run(["swift", "build", "-c", "release", "--product", "EquityC", "-Xswiftc", "-static-stdlib",
                            "--scratch-path", str(scratch)], cwd=ROOT, check=True)
            library = scratch / "release" / "libEquityC.so"
        shutil.copy2(library, target / "libEquityC.so")
        if shutil.which("strip"):
            subprocess.run(["strip", "--strip-unneeded", str(target / "libEquityC.so")], check=False)


class BinaryDistribution(Distribution):
    """The package holds a native library: install it as platform-specific."""

    def has_ext_modules(self):
        return True


class PlatformWheel(bdist_wheel):
    """Tag the wheel for this platform but any Python 3: the library is loaded with ctypes, so
    no CPython ABI is involved (py3-none-linux_x86_64)."""

    def finalize_options(self):
        super().finalize_options()
        self.root_is_pure = False

    def get_tag(self):
        return ("py3", "none", super().get_tag()[2])


setup(version=version(), cmdclass={"build_py": BuildWithSwift, "bdist_wheel": PlatformWheel}, distclass=BinaryDistribution)
