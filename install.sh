#!/usr/bin/env bash
# Builds convo-hook (release, static Swift runtime) and installs it with its hook shims.
#   ./install.sh [--prefix DIR] [--in REPO]
#     --prefix DIR  install into DIR/bin and DIR/share/convo-hook (default /usr/local)
#     --in REPO     then run `convo-hook install` in that git repository
# Re-running it is safe: it rebuilds and replaces the installed files.
set -euo pipefail

prefix=/usr/local
repo=
while [ $# -gt 0 ]; do
    case $1 in
    --prefix) prefix=${2:?--prefix needs a folder}; shift 2 ;;
    --prefix=*) prefix=${1#*=}; shift ;;
    --in) repo=${2:?--in needs a repository}; shift 2 ;;
    --in=*) repo=${1#*=}; shift ;;
    -h | --help) sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
    esac
done

fail() { echo "install.sh: $*" >&2; exit 1; }

cd "$(dirname "$0")"
command -v swift >/dev/null 2>&1 || fail "swift is not on PATH; install the Swift 6 toolchain first"

missing=
for package in libgit2-dev libsqlite3-dev libpcre2-dev; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $package"
done
missing=${missing# }
if [ -n "$missing" ]; then
    if [ "$(id -u)" -ne 0 ]; then
        fail "$missing missing; run 'sudo apt-get install -y $missing' (or run this script as root)"
    fi
    echo "install.sh: installing $missing with apt-get"
    # shellcheck disable=SC2086
    apt-get install -y $missing >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y $missing >/dev/null; } ||
        fail "apt-get could not install $missing"
fi

echo "install.sh: building convo-hook (release)"
swift build -c release --static-swift-stdlib --product convo-hook
# The two helpers run on every commit that may have work: linked fully static, they start without the
# dynamic loader (about 1.3 ms less each; the linker's warnings about dlopen in static programs are expected).
for helper in convo-hook-changed convo-hook-hook; do
    swift build -c release --static-swift-stdlib -Xswiftc -static-executable --product "$helper"
done
bin=$(swift build -c release --static-swift-stdlib --show-bin-path)

mkdir -p "$prefix/bin" "$prefix/share/convo-hook/hooks" 2>/dev/null || fail "cannot write to $prefix (choose another --prefix, or run as root)"
install -m 755 "$bin/convo-hook" "$bin/convo-hook-changed" "$bin/convo-hook-hook" "$prefix/bin/"
# The one hook shim: the template install writes under each hook's name, and on PATH for tracked hooks.
install -m 755 hooks/convo-hook-shim "$prefix/bin/"
install -m 755 hooks/convo-hook-shim "$prefix/share/convo-hook/hooks/"
echo "install.sh: installed $prefix/bin/convo-hook"
case ":$PATH:" in
*":$prefix/bin:"*) ;;
*) echo "install.sh: note: $prefix/bin is not on PATH; the hooks find convo-hook through PATH" ;;
esac

if [ -n "$repo" ]; then
    (cd "$repo" && "$prefix/bin/convo-hook" install)
fi
