#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifest: it parses (with flatpak-builder
--show-manifest when that is installed, which also resolves includes),
uses the GNOME runtime 50 or newer, runs sellbridge, grants exactly the
allowed permissions, runs the tests of the meson module, and its app id
agrees with the desktop file, the metainfo id, the launchable and the
icons installed by data/.

usage: check-flatpak.py SOURCE_ROOT [flatpak-builder]
"""
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

ALLOWED_FINISH_ARGS = {
    '--share=network', '--share=ipc', '--socket=wayland', '--socket=fallback-x11', '--device=dri',
}


def main():
    root = sys.argv[1]
    builder = sys.argv[2] if len(sys.argv) > 2 else shutil.which('flatpak-builder')
    manifest_path = os.path.join(root, 'flatpak', 'io.github.sellbridge.Sellbridge.json')
    failures = []

    if builder:
        shown = subprocess.run([builder, '--show-manifest', manifest_path], capture_output=True, text=True)
        if shown.returncode != 0:
            print(shown.stderr)
            print('not ok: flatpak-builder --show-manifest failed')
            return 1
        manifest = json.loads(shown.stdout)
        print('ok: flatpak-builder --show-manifest parsed the manifest')
    else:
        print('# flatpak-builder not installed; parsing the JSON directly')
        with open(manifest_path, encoding='utf-8') as f:
            manifest = json.load(f)

    app_id = manifest.get('id') or manifest.get('app-id')
    if app_id != 'io.github.sellbridge.Sellbridge':
        failures.append('app id is %r' % app_id)
    if os.path.basename(manifest_path) != app_id + '.json':
        failures.append('manifest file name does not match the app id')
    if manifest.get('runtime') != 'org.gnome.Platform' or manifest.get('sdk') != 'org.gnome.Sdk':
        failures.append('runtime/sdk must be org.gnome.Platform/org.gnome.Sdk')
    version = str(manifest.get('runtime-version', ''))
    if not re.fullmatch(r'\d+', version) or int(version) < 50:
        failures.append('runtime-version %r is not GNOME 50 or newer' % version)
    if manifest.get('command') != 'sellbridge':
        failures.append('command is %r' % manifest.get('command'))
    finish_args = set(manifest.get('finish-args', []))
    if finish_args != ALLOWED_FINISH_ARGS:
        failures.append('finish-args differ: extra %s, missing %s' % (
            sorted(finish_args - ALLOWED_FINISH_ARGS), sorted(ALLOWED_FINISH_ARGS - finish_args)))
    modules = manifest.get('modules', [])
    app_module = modules[-1] if modules else {}
    if app_module.get('name') != 'sellbridge' or app_module.get('buildsystem') != 'meson':
        failures.append('the last module must be sellbridge built with meson')
    if app_module.get('run-tests') is not True:
        failures.append('the sellbridge module must run its tests')

    data = os.path.join(root, 'data')
    desktop = os.path.join(data, app_id + '.desktop.in')
    metainfo = os.path.join(data, app_id + '.metainfo.xml.in')
    if not os.path.exists(desktop):
        failures.append('no desktop file %s' % desktop)
    else:
        with open(desktop, encoding='utf-8') as f:
            text = f.read()
        icon = re.search(r'^Icon=(.*)$', text, re.M)
        if not icon or icon.group(1) != app_id:
            failures.append('desktop Icon= is not the app id')
        exec_line = re.search(r'^Exec=(\S+)', text, re.M)
        if not exec_line or exec_line.group(1) != manifest.get('command'):
            failures.append('desktop Exec= does not run the manifest command')
    if not os.path.exists(metainfo):
        failures.append('no metainfo file %s' % metainfo)
    else:
        component = ET.parse(metainfo).getroot()
        if component.findtext('id') != app_id:
            failures.append('metainfo id is %r' % component.findtext('id'))
        launchable = component.find('launchable')
        if launchable is None or launchable.text != app_id + '.desktop':
            failures.append('metainfo launchable is not %s.desktop' % app_id)
    for icon in (app_id + '.svg', app_id + '-symbolic.svg'):
        if not os.path.exists(os.path.join(data, 'icons', icon)):
            failures.append('icon %s is missing' % icon)

    for failure in failures:
        print('not ok:', failure)
    if not failures:
        print('ok: manifest, desktop file, metainfo and icons agree on %s' % app_id)
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
