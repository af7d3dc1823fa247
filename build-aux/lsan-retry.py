#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""LeakSanitizer's own tracer sometimes crashes at a process's exit
("Tracer caught signal 11", a libsanitizer fault with GCC 12 and glibc
2.36), which fails a test for nothing it tested.  build-aux/test.sh runs
such a test once more, with every sanitizer and the leak check on, and
counts that second run instead; any other failure stands.

  lsan-retry.py list TESTLOG          names of the tests to run again
  lsan-retry.py merge FIRST RETRY OUT FIRST's results, the tracer crashes
                                      replaced by their results in RETRY
"""
import json
import sys

SIGNATURE = 'Tracer caught signal'


def read(path):
    with open(path, encoding='utf-8') as f:
        return [json.loads(line) for line in f if line.strip()]


def tracer_crashed(entry):
    if entry.get('result') in ('OK', 'EXPECTEDFAIL', 'SKIP'):
        return False
    output = (entry.get('stdout') or '') + (entry.get('stderr') or '')
    return SIGNATURE in output


def short_name(entry):
    # "sellbridge:ui / conflict-ru" → "conflict-ru"
    return entry['name'].split(' / ')[-1]


def main(argv):
    if len(argv) == 3 and argv[1] == 'list':
        for entry in read(argv[2]):
            if tracer_crashed(entry):
                print(short_name(entry))
        return 0
    if len(argv) == 5 and argv[1] == 'merge':
        first, retry, out = argv[2:]
        again = {e['name']: e for e in read(retry)}
        with open(out, 'w', encoding='utf-8') as f:
            for entry in read(first):
                if tracer_crashed(entry) and entry['name'] in again:
                    second = again[entry['name']]
                    print('%s: LeakSanitizer\'s tracer crashed at exit; run again: %s'
                          % (entry['name'], second.get('result')), file=sys.stderr)
                    entry = second
                f.write(json.dumps(entry) + '\n')
        return 0
    print(__doc__, file=sys.stderr)
    return 2


sys.exit(main(sys.argv))
