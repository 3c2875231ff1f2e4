"""Extraction quality, speed and memory, printed as figures and ratios.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python benchmarks/extraction.py            # everything
    .venv/bin/python benchmarks/extraction.py --quick    # quality only
    .venv/bin/python benchmarks/extraction.py --startup  # start-up time only

Quality: the two seed articles in ../shared/seeds scored against expected-claims.csv, and our
own gold set (tests/corpus/gold.jsonl) by split. Speed: sentences per second of provenance's
extractor and of quantulum3 (a public quantity extractor) on the same texts, in the same run.
Memory: peak RSS of `provenance extract --format json` on generated 5 MB and 50 MB inputs.
Start-up: wall time of `provenance --help` and of `provenance extract` on a one-sentence file,
each a fresh process, against a bare Python and quantulum3 reading the same sentence.
Attribution, with `--polnear PATH`: who stated each numeric mention of PolNeAR's dev split
(see benchmarks/attribution.py). Quantities, with `--measeval PATH`: MeasEval's train split,
found, read and spanned, against quantulum3 (see benchmarks/measeval.py).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.scoring import Score, read_gold, score_gold, score_seeds  # noqa: E402
from provenance.extract import SourceText, extract_claims, read_text  # noqa: E402
from provenance.extract.text import split_sentences  # noqa: E402
from provenance.figures import find_figures  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"
GOLD = ROOT / "tests" / "corpus" / "gold.jsonl"
ARTICLES = ROOT / "data" / "articles"


def _print_score(name: str, score: Score, verbose: bool) -> None:
    print(
        f"{name}: {score.matched}/{score.expected} figures found, {score.found} extracted; "
        f"precision {score.precision:.3f}, recall {score.recall:.3f}, F1 {score.f1:.3f}; "
        f"bounds+unit+hedge right {score.values_right}/{score.matched}, "
        f"speaker right {score.speakers_right}/{score.matched}"
    )
    if verbose:
        for label, lines in (
            ("missed", score.misses),
            ("extra", score.extra),
            ("wrong", score.wrong),
        ):
            for line in lines:
                print(f"    {label}: {line}")


def quality(verbose: bool) -> None:
    print("== quality")
    if (SEEDS / "expected-claims.csv").is_file():
        _print_score("seeds (expected-claims.csv)", score_seeds(SEEDS), True)
    else:
        print(f"seeds: {SEEDS} not found, skipped")
    items = read_gold(GOLD)
    for split in ("dev", "test"):
        _print_score(f"gold {split} ({sum(i['split'] == split for i in items)} items)",
                     score_gold(i for i in items if i["split"] == split), verbose)  # fmt: skip


def _article_texts() -> list[str]:
    """Paragraphs of news articles: the sample articles, and the seeds when they are beside us."""
    paths = sorted(ARTICLES.glob("*.txt")) + sorted(SEEDS.glob("*.txt"))
    texts = []
    for path in paths:
        source = read_text(path.read_text(encoding="utf-8"))
        texts += [p for p in source.text[source.body_start :].split("\n\n") if p.strip()]
    return texts


def _gold_texts() -> list[str]:
    """Our gold sentences: nearly every one has figures, the hardest case for speed."""
    return [str(item["text"]) for item in read_gold(GOLD)]


def _texts() -> list[str]:
    return _gold_texts() + _article_texts()


def _extract_afresh(texts: list[str]) -> None:
    """Extract from every text, with the caches of sentences already read emptied first: a
    round must not be faster for having seen the same sentences in the round before."""
    from provenance import places
    from provenance.extract import context

    places._find_places.cache_clear()
    context.dated_mentions.cache_clear()
    context._clause_boundaries.cache_clear()
    for text in texts:
        extract_claims(read_text(text))


def speed(rounds: int) -> None:
    print("== speed (same texts, same run, best of rounds)")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser  # type: ignore[import-not-found]

            parser.parse("warm up: 3 km")
    except ImportError:
        print("quantulum3 is not installed: pip install -e '.[bench]'")
        parser = None
    for name, texts in (("article prose", _article_texts()), ("gold sentences", _gold_texts())):
        sentences = sum(len(split_sentences(t)) for t in texts)
        ours = min(_timed(lambda t=texts: _extract_afresh(t)) for _ in range(rounds))
        line = f"{name}: {len(texts)} texts, {sentences} sentences; "
        line += f"provenance {sentences / ours:,.0f}/s"
        if parser is not None:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                theirs = min(
                    _timed(lambda t=texts: [parser.parse(x) for x in t])
                    for _ in range(max(1, rounds - 1))
                )
            line += f", quantulum3 {sentences / theirs:,.0f}/s, ratio {theirs / ours:.1f}x"
        print(line)


def _wall(command: list[str], rounds: int, env: dict[str, str] | None = None) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        best = min(best, time.perf_counter() - start)
    return best


def startup(rounds: int) -> None:
    print("== start-up (a fresh process each time, best of rounds)")
    sentence = "Officials said 300 people marched in Paris on Sunday."
    with tempfile.TemporaryDirectory() as folder:
        one = Path(folder) / "one.txt"
        one.write_text(sentence + "\n", encoding="utf-8")
        cli = [sys.executable, "-m", "provenance"]
        # As installed: with bytecode (pip writes it; PYTHONDONTWRITEBYTECODE would have every
        # run compile every module) and the user's cache, which starts empty here.
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PROVENANCE_CACHE"] = str(Path(folder) / "cache")
        bare = _wall([sys.executable, "-c", "pass"], rounds, env)
        first = _wall([*cli, "extract", str(one)], 1, env)
        helped = _wall([*cli, "--help"], rounds, env)
        ours = _wall([*cli, "extract", str(one)], rounds, env)
        peer = (
            "import warnings; warnings.simplefilter('ignore'); "
            f"from quantulum3 import parser; parser.parse({sentence!r})"
        )
        try:
            theirs = _wall([sys.executable, "-c", peer], rounds)
        except subprocess.CalledProcessError:
            theirs = None
    print(f"bare Python {bare:.2f} s; provenance --help {helped:.2f} s; extract {ours:.2f} s")
    print(f"extract's first run, building its cache (gazetteer, compiled grammar): {first:.2f} s")
    if theirs is not None:
        print(f"quantulum3 import and parse {theirs:.2f} s; ratio {theirs / ours:.2f}x")


def grammar_scaling() -> None:
    """The figure grammar on long hostile inputs: time at twice the length over time at once
    the length (about 2 means linear; backtracking would show as 4 or more)."""
    print("== grammar scaling on hostile inputs (time at 2n / time at n)")
    from tests.test_figures import HOSTILE

    for text in HOSTILE:
        once = min(_timed(lambda t=text: find_figures(t)) for _ in range(3))
        twice = min(_timed(lambda t=text + text: find_figures(t)) for _ in range(3))
        print(f"{text[:14]!r:18} n={len(text):6}: {once * 1000:7.1f} ms, ratio {twice / once:4.1f}")


def sentence_scaling() -> None:
    """The whole extractor on one ever longer sentence full of figures and sources (a file
    with no full stops): time at twice the length over time at once the length. Each figure
    reads a window around it, never the whole sentence, so the ratio stays near 2."""
    print("== extractor scaling on one long sentence (time at 2n / time at n)")
    clause = "officials said 300 people marched, and police counted 120 more, while 45 were hurt"
    for repeats in (250, 1000, 4000):
        once_text = ", ".join([clause] * repeats) + "."
        twice_text = ", ".join([clause] * repeats * 2) + "."
        once = min(_timed(lambda t=once_text: extract_claims(SourceText(t, 0))) for _ in range(2))
        twice = min(_timed(lambda t=twice_text: extract_claims(SourceText(t, 0))) for _ in range(2))
        print(
            f"{len(once_text) // 1000:5} KB: {once:6.2f} s; at {len(twice_text) // 1000} KB "
            f"{twice:6.2f} s, ratio {twice / once:4.1f}"
        )


def _timed(work: object) -> float:
    start = time.perf_counter()
    work()  # type: ignore[operator]
    return time.perf_counter() - start


def _peak_rss_mb(path: Path) -> tuple[float, float]:
    """Peak resident memory (MB) and seconds of `provenance extract --format json PATH`."""
    code = (
        "import resource, subprocess, sys, time; t = time.perf_counter(); "
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, time.perf_counter() - t)"
    )
    command = [sys.executable, "-m", "provenance", "extract", "--format", "json", str(path)]
    out = subprocess.run(
        [sys.executable, "-c", code, *command], capture_output=True, text=True, check=True
    )
    kilobytes, seconds = out.stdout.split()
    return int(kilobytes) / 1024, float(seconds)


def memory(sizes_mb: list[int]) -> None:
    print("== memory (peak RSS of `provenance extract --format json`, one process per size)")
    paragraphs = "\n\n".join(_texts()) + "\n\n"
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes_mb:
            path = Path(folder) / f"corpus-{size}mb.txt"
            with path.open("w", encoding="utf-8") as out:
                written = 0
                while written < size * 1_000_000:
                    out.write(paragraphs)
                    written += len(paragraphs.encode("utf-8"))
            peak, seconds = _peak_rss_mb(path)
            results.append(peak)
            megabytes = path.stat().st_size / 1_000_000
            print(f"{megabytes:6.1f} MB input: peak {peak:6.1f} MB RSS, {seconds:6.1f} s, "
                  f"{megabytes / seconds:.2f} MB/s")  # fmt: skip
    if len(results) > 1:
        growth = sizes_mb[-1] / sizes_mb[0]
        print(
            f"ratio: peak memory at {sizes_mb[-1]} MB is {results[-1] / results[0]:.2f}x "
            f"that at {sizes_mb[0]} MB, for {growth:.0f}x the input"
        )


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--quick", action="store_true", help="quality only")
    options.add_argument("--startup", action="store_true", help="start-up time only")
    options.add_argument("--verbose", action="store_true", help="list every miss and error")
    options.add_argument("--rounds", type=int, default=3, help="best of N timings")
    options.add_argument("--memory-mb", type=int, nargs="+", default=[5, 50])
    options.add_argument(
        "--polnear",
        type=Path,
        help="a copy of the PolNeAR corpus: also score who stated each figure on its dev split "
        "(benchmarks/attribution.py)",
    )
    options.add_argument(
        "--measeval",
        type=Path,
        help="a copy of MeasEval: also score quantities on its train split "
        "(benchmarks/measeval.py)",
    )
    args = options.parse_args()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    if args.startup:
        startup(max(args.rounds, 5))
        return
    quality(args.verbose)
    if args.polnear is not None:
        from benchmarks.attribution import print_scores

        print("== attribution of numeric mentions (PolNeAR dev)")
        print_scores(args.polnear, "dev", args.verbose)
    if args.measeval is not None:
        from benchmarks import measeval

        print("== quantities (MeasEval train)")
        measeval.print_scores(args.measeval, "train", args.verbose)
    if not args.quick:
        speed(args.rounds)
        startup(args.rounds)
        grammar_scaling()
        sentence_scaling()
        memory(args.memory_mb)


if __name__ == "__main__":
    main()
