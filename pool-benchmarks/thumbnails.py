#!/usr/bin/env python3
"""Seed 001's thumbnail job in Python + Pillow, on the JPEGs the Java demo generates.

    thumbnails.py --images DIR [--processes N] [--mode serial|pool|both] [--full-decode]

Each task opens one JPEG, calls Image.thumbnail((75, 75), LANCZOS) (fit in the box, keep the
aspect ratio) and saves the thumbnail as a JPEG into DIR/thumbs-pillow/. By default Pillow first
asks libjpeg to decode at 1/2, 1/4 or 1/8 scale (its "draft" mode, reducing_gap=2.0), which the
JDK's ImageIO cannot; --full-decode (reducing_gap=None) decodes every pixel, as ImageIO does. The pool's time runs from Pool(N) to the
last result of pool.map, so it includes the workers' start, as the Java demo's runs from build().
Prints one line per mode: "<mode>: <n> images in <s> s = <r> images/s".
"""
import argparse
import functools
import multiprocessing
import os
import sys
import time

from PIL import Image

SIZE = (75, 75)
SAVE_DIRECTORY = "thumbs-pillow"


def get_image_paths(folder):
    return sorted(
        os.path.join(folder, f) for f in os.listdir(folder) if "jpeg" in f
    )


def create_thumbnail(filename, reducing_gap=2.0):
    im = Image.open(filename)
    im.thumbnail(SIZE, Image.Resampling.LANCZOS, reducing_gap=reducing_gap)
    base, fname = os.path.split(filename)
    im.save(os.path.join(base, SAVE_DIRECTORY, fname))


def report(mode, count, seconds):
    print(f"{mode}: {count} images in {seconds:.2f} s = {count / seconds:.1f} images/s", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", required=True, help="folder of JPEGs (the Java demo's)")
    parser.add_argument("--processes", type=int, default=os.cpu_count())
    parser.add_argument("--mode", choices=["serial", "pool", "both"], default="both")
    parser.add_argument("--full-decode", action="store_true", help="no draft mode: decode every pixel")
    args = parser.parse_args()
    if args.processes < 1:
        parser.error(f"--processes must be at least 1, got {args.processes}")
    images = get_image_paths(args.images)
    if not images:
        sys.exit(f"no JPEGs (files with 'jpeg' in their name) in {args.images}")
    os.makedirs(os.path.join(args.images, SAVE_DIRECTORY), exist_ok=True)
    task = functools.partial(create_thumbnail, reducing_gap=None if args.full_decode else 2.0)

    if args.mode in ("serial", "both"):
        start = time.perf_counter()
        for image in images:
            task(image)
        report("serial", len(images), time.perf_counter() - start)
    if args.mode in ("pool", "both"):
        start = time.perf_counter()
        with multiprocessing.Pool(args.processes) as pool:
            pool.map(task, images)
            seconds = time.perf_counter() - start
        report(f"pool({args.processes})", len(images), seconds)


if __name__ == "__main__":
    main()
