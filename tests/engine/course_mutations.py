"""Seeded damage to a copy of a course, for fuzzing the loader: byte flips, truncation,
deleted and doubled lines, broken YAML and TOML, digits that are not ASCII, symbolic
links that loop, byte order marks, CRLF and huge lines.

`Workbench` keeps one copy of a course; `mutate` damages it (one to three mutations, the
same ones for the same seed), `check` loads it and asserts that the loader gives a course
or `path:line:` problems, and `restore` puts the copy back for the next seed. Used by
tests/engine/test_fuzz.py (a short run) and benchmarks/fuzz_courses.py (a long one).
"""

from __future__ import annotations

import os
import random
import shutil
from collections.abc import Callable
from pathlib import Path

from course.content import LoadResult, load_course

REPO = Path(__file__).resolve().parents[2]
COURSES = {"bundled": REPO, "example": REPO / "docs" / "example-course"}
"""The courses that are damaged: the one the app ships and the one the docs explain."""
COURSE_PARTS = ("course.toml", "lessons", "quizzes")
"""What makes a course folder (the bundled course shares its folder with the code)."""


class Workbench:
    """A copy of a course that mutations change and `restore` puts back as it was."""

    def __init__(self, source: Path, target: Path) -> None:
        self.source = source
        """The course copied."""
        self.root = target
        """The copy."""
        target.mkdir(parents=True)
        for part in COURSE_PARTS:
            origin = source / part
            if origin.is_dir():
                shutil.copytree(origin, target / part)
            else:
                shutil.copy2(origin, target / part)
        self.files = sorted(
            path.relative_to(target).as_posix() for path in target.rglob("*") if path.is_file()
        )
        """Every file of the course, relative to `root`."""
        self.folders = sorted(
            path.relative_to(target).as_posix() for path in target.glob("*/*") if path.is_dir()
        )
        """The language folders (lessons/en, quizzes/de, ...)."""
        self._touched: list[str] = []
        self._added: list[str] = []

    def touch(self, relative: str) -> Path:
        """Note that `relative` (a file or folder of the course) is about to change, and
        put it back as it was first, with the folders it is in (an earlier mutation of the
        same seed may have made one of them a link)."""
        self._touched.append(relative)
        parts = Path(relative).parts
        for depth in range(1, len(parts) + 1):
            part = "/".join(parts[:depth])
            path = self.root / part
            if depth == len(parts) or path.is_symlink() or not path.is_dir():
                _remove(path)
                _copy(self.source / part, path)
                if depth < len(parts):
                    self._touched.append(part)
                break
        return self.root / relative

    def add(self, relative: str) -> Path:
        """Note that `relative` is about to be made (it is not part of the course)."""
        self._added.append(relative)
        return self.root / relative

    def restore(self) -> None:
        """Undo every change since the last restore."""
        for relative in [*self._added, *self._touched]:
            _remove(self.root / relative)
        for relative in sorted(set(self._touched), key=lambda touched: len(Path(touched).parts)):
            _copy(self.source / relative, self.root / relative)
        self._touched.clear()
        self._added.clear()


def _copy(origin: Path, copy: Path) -> None:
    """Copy a file or a folder of the course (over what is there)."""
    if origin.is_dir():
        shutil.copytree(origin, copy, dirs_exist_ok=True)
    else:
        shutil.copy2(origin, copy)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)


# -- mutations: each damages the workbench and says how ------------------------------------

Mutation = Callable[[Workbench, random.Random], str]


def _text_file(bench: Workbench, rng: random.Random) -> tuple[str, Path, bytes]:
    relative = rng.choice(bench.files)
    path = bench.touch(relative)
    return relative, path, path.read_bytes()


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def flip_bytes(bench: Workbench, rng: random.Random) -> str:
    relative, path, data = _text_file(bench, rng)
    changed = bytearray(data)
    count = rng.randint(1, 8)
    for _ in range(count):
        if changed:
            changed[rng.randrange(len(changed))] ^= 1 << rng.randrange(8)
    path.write_bytes(bytes(changed))
    return f"flipped {count} bits in {relative}"


def truncate(bench: Workbench, rng: random.Random) -> str:
    relative, path, data = _text_file(bench, rng)
    keep = rng.randint(0, len(data))
    path.write_bytes(data[:keep])
    return f"cut {relative} after byte {keep}"


def delete_lines(bench: Workbench, rng: random.Random) -> str:
    relative, path, data = _text_file(bench, rng)
    lines = _lines(data)
    start = rng.randrange(len(lines))
    count = rng.choice((1, 1, 1, 2, 5))
    del lines[start : start + count]
    path.write_bytes(b"\n".join(lines))
    return f"deleted {count} lines from line {start + 1} of {relative}"


def double_lines(bench: Workbench, rng: random.Random) -> str:
    relative, path, data = _text_file(bench, rng)
    lines = _lines(data)
    start = rng.randrange(len(lines))
    count = rng.choice((1, 1, 2, 4))
    lines[start:start] = lines[start : start + count]
    path.write_bytes(b"\n".join(lines))
    return f"doubled {count} lines at line {start + 1} of {relative}"


def swap_lines(bench: Workbench, rng: random.Random) -> str:
    relative, path, data = _text_file(bench, rng)
    lines = _lines(data)
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]
    path.write_bytes(b"\n".join(lines))
    return f"swapped lines {a + 1} and {b + 1} of {relative}"


BROKEN_YAML = [
    "key: [unclosed",
    "title: 'unterminated",
    'title: "unterminated',
    "id: {a: 1}",
    "id: [water]",
    "id:",
    "id: ~",
    "minutes: 1e309",
    "minutes: -0",
    "minutes: 9999999999999999999999",
    "objectives: O1, O1",
    "objectives: [[O1]]",
    "lesson: {}",
    ": no key",
    "- a list at the top",
    "\tid: tabbed",
    "  indented: value",
    "&anchor id: x",
    "id: *alias",
    "!!python/object:os.system x",
    "? complex key",
    "title: |",
    "title: >-",
    "%YAML 1.2",
    "...",
    "---",
    "id: " + "a" * 5000,
]
"""Front matter lines that YAML rejects or that give a key a value of the wrong kind."""


def break_yaml(bench: Workbench, rng: random.Random) -> str:
    markdown = [relative for relative in bench.files if relative.endswith(".md")]
    relative = rng.choice(markdown)
    path = bench.touch(relative)
    lines = (bench.source / relative).read_text(encoding="utf-8").split("\n")
    try:
        end = lines.index("---", 1)
    except ValueError:
        end = 1
    where = rng.randint(1, max(1, end))
    piece = rng.choice(BROKEN_YAML)
    if rng.random() < 0.3 and 0 < end < len(lines):
        lines[rng.randint(1, end - 1) if end > 1 else 1] = piece  # replace a key
    else:
        lines.insert(where, piece)
    path.write_text("\n".join(lines), encoding="utf-8")
    return f"put {piece[:40]!r} into the front matter of {relative}"


BROKEN_TOML = [
    "[[",
    "[title",
    "id = ",
    'id = "unterminated',
    "id = 'a' 'b'",
    'version = "1.0.0"',
    "lessons = [",
    'lessons = ["water", "water"]',
    "lessons = []",
    'lessons = "water"',
    "lessons = [1, 2]",
    "languages = []",
    'languages = ["xx"]',
    'languages = ["en", "en"]',
    "pass_mark = 101",
    "pass_mark = -1",
    "pass_mark = 7.5",
    'pass_mark = "70"',
    "pass_mark = inf",
    "pass_mark = nan",
    "[objectives]",
    'O1 = "no languages"',
    "O1 = { en = 1 }",
    "[title]\nen = 1",
    "title = 3",
    "a = " + "[" * 600 + "]" * 600,
    "a = " + "{b = " * 300 + "1" + "}" * 300,
    'x = """',
    "= value",
    "key = 0x",
    "date = 1979-05-27T25:61:00Z",
]
"""TOML that does not parse, or parses into values of the wrong kind or a double key."""


def break_toml(bench: Workbench, rng: random.Random) -> str:
    path = bench.touch("course.toml")
    lines = (bench.source / "course.toml").read_text(encoding="utf-8").split("\n")
    piece = rng.choice(BROKEN_TOML)
    where = rng.randrange(len(lines) + 1)
    if rng.random() < 0.3 and lines:
        lines[min(where, len(lines) - 1)] = piece
    else:
        lines.insert(where, piece)
    path.write_text("\n".join(lines), encoding="utf-8")
    return f"put {piece[:40]!r} into course.toml at line {where + 1}"


OTHER_DIGITS = "²³¹١٢٣٤۵७৮๙０１２５①⑦½⅓Ⅳ𝟙"
"""Characters that are digits, or numbers, to str.isdigit() or str.isnumeric(), but not
to an author who means ASCII."""


def foreign_digits(bench: Workbench, rng: random.Random) -> str:
    relative, path, data = _text_file(bench, rng)
    text = data.decode("utf-8", errors="surrogateescape")
    positions = [index for index, char in enumerate(text) if char in "0123456789"]
    if not positions:
        return f"no digits to change in {relative}"
    chosen = rng.sample(positions, min(len(positions), rng.randint(1, 3)))
    chars = list(text)
    for index in chosen:
        chars[index] = rng.choice(OTHER_DIGITS)
    path.write_bytes("".join(chars).encode("utf-8", errors="surrogateescape"))
    return f"replaced {len(chosen)} ASCII digits in {relative}"


def symlink(bench: Workbench, rng: random.Random) -> str:
    """A file or a language folder replaced by a link to itself, to a missing target, or
    by a loop of two links."""
    if rng.random() < 0.3:
        relative = rng.choice(bench.folders)
    else:
        relative = rng.choice(["course.toml", *bench.files])
    path = bench.touch(relative)
    _remove(path)
    kind = rng.choice(("itself", "missing", "two"))
    if kind == "itself":
        path.symlink_to(path.name)
    elif kind == "missing":
        path.symlink_to("no-such-" + path.name)
    else:
        other = bench.add(relative + ".other")
        _remove(other)
        other.symlink_to(path.name)
        path.symlink_to(other.name)
    return f"made {relative} a symbolic link ({kind})"


def byte_order_marks(bench: Workbench, rng: random.Random) -> str:
    relative, path, data = _text_file(bench, rng)
    bom = b"\xef\xbb\xbf"
    where = rng.choice(("start", "twice", "middle", "utf16"))
    if where == "start":
        data = bom + data
    elif where == "twice":
        data = bom + bom + data
    elif where == "middle":
        lines = _lines(data)
        index = rng.randrange(len(lines))
        lines[index] = bom + lines[index]
        data = b"\n".join(lines)
    else:
        data = b"\xff\xfe" + data.decode("utf-8", errors="replace").encode("utf-16-le")
    path.write_bytes(data)
    return f"byte order mark ({where}) in {relative}"


def line_ends(bench: Workbench, rng: random.Random) -> str:
    relative, path, data = _text_file(bench, rng)
    kind = rng.choice(("crlf", "cr", "mixed", "form feed", "unicode"))
    if kind == "crlf":
        data = data.replace(b"\n", b"\r\n")
    elif kind == "cr":
        data = data.replace(b"\n", b"\r")
    elif kind == "mixed":
        lines = _lines(data)
        data = b"".join(line + rng.choice((b"\n", b"\r\n", b"\r")) for line in lines)
    elif kind == "form feed":
        data = data.replace(b"\n", b"\n\x0c", 3)
    else:
        data = data.replace(b"\n", "\u2028".encode(), 5)
    path.write_bytes(data)
    return f"{kind} line ends in {relative}"


HUGE = ["a", "[", "]", "*", "_", "`", "#", "-", "> ", "- [x] ", "|", "<", "&", "\\", "(", "é"]
"""What a huge line is made of: one character (or a few) that Markdown gives meaning."""


def huge_line(bench: Workbench, rng: random.Random, size: int = 200_000) -> str:
    relative, path, data = _text_file(bench, rng)
    piece = rng.choice(HUGE)
    line = (piece * (rng.randint(size // 4, size) // len(piece))).encode("utf-8")
    lines = _lines(data)
    lines.insert(rng.randrange(len(lines) + 1), line)
    path.write_bytes(b"\n".join(lines))
    return f"a line of {len(line)} bytes of {piece!r} in {relative}"


def empty_or_gone(bench: Workbench, rng: random.Random) -> str:
    relative = rng.choice(bench.files)
    path = bench.touch(relative)
    kind = rng.choice(("empty", "deleted", "a folder", "copied"))
    _remove(path)
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "a folder":
        path.mkdir()
    elif kind == "copied":
        shutil.copy2(bench.source / relative, path)
        twin = bench.add(str(Path(relative).with_name("99-" + Path(relative).name)))
        shutil.copy2(bench.source / relative, twin)
    return f"{relative}: {kind}"


def splice(bench: Workbench, rng: random.Random) -> str:
    """Lines of one file put into another (a quiz's lines into a lesson, TOML into YAML)."""
    relative, path, data = _text_file(bench, rng)
    donor = rng.choice(bench.files)
    donor_lines = _lines((bench.source / donor).read_bytes())
    start = rng.randrange(len(donor_lines))
    taken = donor_lines[start : start + rng.randint(1, 10)]
    lines = _lines(data)
    where = rng.randrange(len(lines) + 1)
    lines[where:where] = taken
    path.write_bytes(b"\n".join(lines))
    return f"{len(taken)} lines of {donor} put into {relative} at line {where + 1}"


MUTATIONS: tuple[Mutation, ...] = (
    flip_bytes,
    truncate,
    delete_lines,
    double_lines,
    swap_lines,
    break_yaml,
    break_toml,
    foreign_digits,
    symlink,
    byte_order_marks,
    line_ends,
    huge_line,
    empty_or_gone,
    splice,
)
"""Every kind of damage; `mutate` picks one to three of them."""


def mutate(bench: Workbench, seed: int, huge: int = 200_000) -> list[str]:
    """Damage the workbench as seed `seed` says; returns what was done."""
    rng = random.Random(seed)
    done = []
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        mutation = rng.choice(MUTATIONS)
        if mutation is huge_line:
            done.append(huge_line(bench, rng, huge))
        else:
            done.append(mutation(bench, rng))
    return done


def check(root: Path) -> LoadResult:
    """Load the course at `root`; assert that it gives a course or problems that each
    name a file (and a line, where they give one) and format as `path:line: message`.

    Any exception but AssertionError is a crash of the loader."""
    result = load_course(root)
    if result.course is None:
        assert result.errors, "no course and no problem to say why"
    else:
        assert result.errors == [], "a course and problems"
    for problem in result.errors:
        assert problem.message, problem
        assert problem.line is None or problem.line >= 1, problem
        shown = problem.format(relative_to=root)
        assert shown.startswith(os.fspath(problem.path.relative_to(root))), shown
        assert problem.format()
    return result


def outcome(bench: Workbench, seed: int, huge: int = 200_000) -> tuple[str, list[str]]:
    """Damage the workbench as seed `seed` says, load it, check the result and restore the
    workbench: "course" or "problems", and what was done. Raises what the loader raised."""
    done = mutate(bench, seed, huge)
    try:
        result = check(bench.root)
    finally:
        bench.restore()
    return ("course" if result.course is not None else "problems"), done
