#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads one or more meson testlog.json files and prints
"N passed, N failed, N skipped" over all of them; exits 1 when any test
failed or none ran."""
import json
import sys

passed = failed = skipped = 0
for path in sys.argv[1:]:
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            result = json.loads(line).get('result')
            if result in ('OK', 'EXPECTEDFAIL'):
                passed += 1
            elif result == 'SKIP':
                skipped += 1
            else:
                failed += 1
print('%d passed, %d failed, %d skipped' % (passed, failed, skipped))
sys.exit(1 if failed or passed == 0 else 0)
