#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Translation checks run as meson tests.

  check-po.py potfiles SOURCE_ROOT
      fails when a source, .ui or data file with translatable strings is
      missing from po/POTFILES.in, or when POTFILES.in names a file that
      does not exist.
  check-po.py complete SOURCE_ROOT LANG
      extracts a fresh template from POTFILES.in with xgettext, merges
      po/LANG.po against it and fails unless msgfmt --check reports every
      message translated (0 untranslated, 0 fuzzy) and the Plural-Forms
      header is right for the language.
"""
import os
import re
import subprocess
import sys
import tempfile

TRANSLATABLE = [
    (re.compile(r'\.c$'), re.compile(r'(?<![A-Za-z0-9_])(_|N_|C_|NC_|ngettext|g_dngettext|g_dpgettext2)\s*\(\s*(GETTEXT_PACKAGE\s*,\s*)?(NULL\s*,\s*)?"')),
    (re.compile(r'\.ui$'), re.compile(r'translatable="yes"')),
    (re.compile(r'\.(desktop|metainfo\.xml)\.in$'), re.compile(r'.')),
    (re.compile(r'\.gschema\.xml$'), re.compile(r'<summary>|<description>')),
]
SCANNED_DIRS = ['src', 'ui', 'data']
PLURAL_FORMS = {
    'ko': 'nplurals=1; plural=0;',
    'ru': 'nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);',
}
XGETTEXT_KEYWORDS = ['--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
                     '--keyword=g_dngettext:2,3', '--keyword=ngettext:1,2', '--keyword=g_dpgettext2:2c,3']


def read_potfiles(root):
    with open(os.path.join(root, 'po', 'POTFILES.in'), encoding='utf-8') as f:
        return [line.strip() for line in f if line.strip() and not line.startswith('#')]


def check_potfiles(root):
    listed = set(read_potfiles(root))
    failures = []
    for rel in sorted(listed):
        if not os.path.exists(os.path.join(root, rel)):
            failures.append('POTFILES.in names %s, which does not exist' % rel)
    for top in SCANNED_DIRS:
        for dirpath, _, files in os.walk(os.path.join(root, top)):
            for name in files:
                path = os.path.join(dirpath, name)
                rel = os.path.relpath(path, root)
                for name_re, content_re in TRANSLATABLE:
                    if not name_re.search(name):
                        continue
                    with open(path, encoding='utf-8', errors='replace') as f:
                        text = f.read()
                    if content_re.search(text) and rel not in listed:
                        failures.append('%s has translatable strings but is not in po/POTFILES.in' % rel)
    for failure in failures:
        print('not ok:', failure)
    if not failures:
        print('all %d files with translatable strings are listed' % len(listed))
    return 1 if failures else 0


def check_complete(root, lang):
    po = os.path.join(root, 'po', lang + '.po')
    with open(po, encoding='utf-8') as f:
        header = f.read(4000).replace('"\n"', '')
    m = re.search(r'Plural-Forms: ([^\\]*)\\n"', header)
    if not m or m.group(1).strip() != PLURAL_FORMS[lang]:
        print('not ok: %s.po has Plural-Forms %r, expected %r' % (lang, m and m.group(1), PLURAL_FORMS[lang]))
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, 'sellbridge.pot')
        files = read_potfiles(root)
        subprocess.run(['xgettext', '--from-code=UTF-8', '--add-comments=Translators', '-o', pot,
                        '--directory=' + root] + XGETTEXT_KEYWORDS + files, check=True)
        merged = os.path.join(tmp, lang + '.po')
        subprocess.run(['msgmerge', '--quiet', '--output-file=' + merged, po, pot], check=True)
        result = subprocess.run(['msgfmt', '--check', '--statistics', '-o', os.devnull, merged],
                                capture_output=True, text=True)
        stats = result.stderr.strip()
        print('%s: %s' % (lang, stats))
        if result.returncode != 0:
            print('not ok: msgfmt --check failed for %s.po' % lang)
            return 1
        if 'untranslated' in stats or 'fuzzy' in stats:
            untranslated = subprocess.run(['msgattrib', '--untranslated', '--no-obsolete', merged],
                                          capture_output=True, text=True).stdout
            fuzzy = subprocess.run(['msgattrib', '--only-fuzzy', '--no-obsolete', merged],
                                   capture_output=True, text=True).stdout
            print(untranslated[:3000])
            print(fuzzy[:3000])
            print('not ok: %s.po is not complete; run "meson compile -C _build sellbridge-update-po" and translate' % lang)
            return 1
    return 0


def main():
    if sys.argv[1] == 'potfiles':
        return check_potfiles(sys.argv[2])
    if sys.argv[1] == 'complete':
        return check_complete(sys.argv[2], sys.argv[3])
    print(__doc__)
    return 2


if __name__ == '__main__':
    sys.exit(main())
