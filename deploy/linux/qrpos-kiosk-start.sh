#!/bin/bash
# ExecStartPre of qrpos-kiosk.service. Chromium marks its profile "crashed" when it is
# killed (power cut, Restart=always after a crash) and then shows a "Restore pages?"
# bubble over the kiosk on the next start. Marking the last exit as clean keeps the
# screen clear; --disable-session-crashed-bubble alone is not honoured by every version.
# Usage: qrpos-kiosk-start.sh PROFILE_DIR   (the --user-data-dir of the unit)
set -euo pipefail

profile=${1:?usage: qrpos-kiosk-start.sh PROFILE_DIR}
prefs=$profile/Default/Preferences

# First start: no profile yet, nothing to clear.
[[ -f $prefs ]] || exit 0

# Chromium writes Preferences as compact JSON, so the two keys appear exactly like this.
sed -i \
  -e 's/"exited_cleanly":false/"exited_cleanly":true/' \
  -e 's/"exit_type":"[A-Za-z]*"/"exit_type":"Normal"/' \
  "$prefs"
