#!/bin/sh
# Debian packages the tests use beside Node: chromium (the web page, driven by playwright-core;
# a browser that downloads itself cannot install here), tesseract with its Vietnamese model and
# poppler (OCR of scanned PDFs), /usr/bin/time (the hostile suite's memory measurements).
# Installs what is missing when run as root with apt-get; otherwise says what to install.
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v pdftoppm >/dev/null 2>&1 || missing="$missing poppler-utils"
command -v tesseract >/dev/null 2>&1 || missing="$missing tesseract-ocr"
tesseract --list-langs 2>/dev/null | grep -qx vie || missing="$missing tesseract-ocr-vie"
[ -x /usr/bin/time ] || missing="$missing time"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing
else
  echo "system-deps: missing Debian packages:$missing (install them: sudo apt-get install$missing); the tests that need them will fail" >&2
fi
