#!/usr/bin/env bash
# Runs the README's test command on a stock Debian 12, as a new user would:
# makes a minimal bookworm chroot with debootstrap, clones this repository's
# HEAD into it (with ../shared beside it, as CI lays it out), runs
# `bash scripts/test.sh` there, prints the last lines and exits with its status.
#
#   sudo bash scripts/check-fresh-debian.sh [chroot dir]   (default /var/tmp/pg-fresh-debian)
#
# About 30 minutes on 2 cores (debootstrap, every Debian package, SDL2 for
# WebAssembly, three build trees, every test), so it is not part of CI: run it
# whenever an install step changes. Needs root, the network to the Debian
# mirror and the npm registry, and about 6 GB of disk.
#
# What comes from the host, never from a name written here:
#   - the Debian mirror and suites: the host's own apt sources (bookworm,
#     bookworm-updates, bookworm-security entries; nothing else, so no Node
#     from another repository can slip in);
#   - how apt and npm reach the registries: /etc/resolv.conf, /etc/hosts, the
#     host's Acquire:: apt settings (proxy, Check-Valid-Until), proxy variables
#     (http_proxy, https_proxy, no_proxy, ...), npm's registry/proxy settings;
#   - the host's CA bundle (added to the chroot's trusted CAs, for registries
#     behind a proxy with its own CA) and NODE_EXTRA_CA_CERTS when it is set.
#
# Only the committed HEAD is tested (uncommitted changes are not in the clone).
# The chroot is kept afterwards for a look (build logs, screenshots) and made
# anew by the next run; its test log is <chroot dir>.log.
# Environment: TAIL_LINES (lines printed at the end, default 40).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIR=${1:-/var/tmp/pg-fresh-debian}
DIR=$(realpath -m "$DIR")
LOG="$DIR.log"
SUITE=bookworm
NAME=playground
T0=$(date +%s)

say()  { printf '\033[1m[fresh-debian]\033[0m %s\n' "$*"; }
fail() { printf '[fresh-debian] FAILED: %s\n' "$*" >&2; exit 2; }

[ "$(id -u)" = 0 ] || fail "run as root (debootstrap, chroot and mount need it)"
command -v apt-get >/dev/null || fail "needs a Debian host (apt-get)"
case "$DIR" in /|/bin|/boot|/dev|/etc|/home|/lib*|/opt|/proc|/root|/run|/sbin|/sys|/tmp|/usr|/var|/var/tmp|/work)
  fail "refusing to use '$DIR' as the chroot (it is removed and made anew)";; esac

# Anything mounted under the chroot dir (a run killed before its trap)?
mounted_under() { awk -v d="$DIR" '$5 == d || index($5, d "/") == 1 {print $5}' /proc/self/mountinfo; }

# --- cleanup: always, on any exit ---------------------------------------------
MOUNTS=()
cleanup() {
  local rc=$? pid root m i
  # Processes left in the chroot (Xvfb, Chromium, a server) hold the mounts.
  for pid in $(ls /proc | grep -E '^[0-9]+$'); do
    root=$(readlink "/proc/$pid/root" 2>/dev/null) || continue
    if [ "$root" = "$DIR" ]; then kill -TERM "$pid" 2>/dev/null || true; fi
  done
  for ((i = ${#MOUNTS[@]} - 1; i >= 0; i--)); do
    m=${MOUNTS[$i]}
    umount "$m" 2>/dev/null || { sleep 1; umount "$m" 2>/dev/null; } || umount -l "$m" \
      || echo "[fresh-debian] could not unmount $m" >&2
  done
  if [ -n "$(mounted_under)" ]; then
    echo "[fresh-debian] still mounted under $DIR:" >&2; mounted_under >&2
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mnt() {  # mnt <mount args...> <target>: mounts and records the target for cleanup
  local target=${*: -1}
  mkdir -p "$target"
  mount "$@"
  MOUNTS+=("$target")
}

# --- the host's Debian mirror -------------------------------------------------
# apt-get indextargets reads every source format (deb822 .sources, one-line .list).
SOURCES=$(apt-get indextargets --format '$(TARGET_OF) $(REPO_URI) $(RELEASE) $(COMPONENT)' 2>/dev/null \
  | awk -v s="$SUITE" '$1 == "deb" && ($3 == s || $3 == s "-updates" || $3 == s "-security")' \
  | sort -u)
MIRROR=$(awk -v s="$SUITE" '$3 == s {print $2; exit}' <<<"$SOURCES")
[ -n "$MIRROR" ] || fail "no '$SUITE' entry of type deb in the host's apt sources (apt-get indextargets): nothing to derive the mirror from"
say "mirror: the host's $SUITE source; suites: $(awk '{print $3}' <<<"$SOURCES" | sort -u | tr '\n' ' ')"

# --- debootstrap --------------------------------------------------------------
if ! command -v debootstrap >/dev/null; then
  say "installing debootstrap"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends debootstrap >/dev/null 2>&1 \
    || { apt-get update -q && apt-get install -y -q --no-install-recommends debootstrap; } \
    || fail "apt-get install debootstrap"
fi
[ -z "$(mounted_under)" ] || fail "something is still mounted under $DIR (an earlier run?): $(mounted_under | tr '\n' ' ')— unmount it first"
if [ -e "$DIR" ]; then
  say "removing the previous chroot $DIR"
  rm -rf --one-file-system "$DIR"
fi
say "debootstrap --variant=minbase $SUITE $DIR (a few minutes)"
debootstrap --variant=minbase "$SUITE" "$DIR" "$MIRROR" > "$DIR.debootstrap.log" 2>&1 \
  || { tail -n 20 "$DIR.debootstrap.log" >&2; fail "debootstrap (log: $DIR.debootstrap.log)"; }

# --- how the host reaches the registries ----------------------------------------
# apt: the same suites (one-line format, as a plain install might have), and
# the host's Acquire settings: proxies, CA files, Check-Valid-Until/Check-Date
# (a snapshot mirror's Release files carry dates in the past).
awk '{print "deb " $2 " " $3 " " $4}' <<<"$SOURCES" | sort -u > "$DIR/etc/apt/sources.list"
apt-config dump 2>/dev/null \
  | grep -E '^Acquire::(https?|ftp|socks)::|^Acquire::(Check-Valid-Until|Check-Date|Retries|ForceIPv4|ForceIPv6) ' \
  > "$DIR/etc/apt/apt.conf.d/00host-acquire" || true
cp -L /etc/resolv.conf "$DIR/etc/resolv.conf" 2>/dev/null || true
cp -L /etc/hosts "$DIR/etc/hosts" 2>/dev/null || true

# CAs: the host's bundle joins the chroot's trusted CAs once ca-certificates is
# installed there (update-ca-certificates takes /usr/local/share/ca-certificates).
HOST_CA=""
for f in "${SSL_CERT_FILE:-}" /etc/ssl/certs/ca-certificates.crt; do
  if [ -n "$f" ] && [ -s "$f" ]; then HOST_CA=$f; break; fi
done
if [ -n "$HOST_CA" ]; then
  mkdir -p "$DIR/usr/local/share/ca-certificates"
  cp -L "$HOST_CA" "$DIR/usr/local/share/ca-certificates/host-ca-bundle.crt"
  cp -L "$HOST_CA" "$DIR/etc/ssl/host-ca-bundle.crt" 2>/dev/null \
    || { mkdir -p "$DIR/etc/ssl" && cp -L "$HOST_CA" "$DIR/etc/ssl/host-ca-bundle.crt"; }
  if [ -x "$DIR/usr/sbin/update-ca-certificates" ]; then chroot "$DIR" update-ca-certificates >/dev/null 2>&1 || true; fi
  say "CA bundle: the host's $HOST_CA"
fi

ENVV=(HOME=/root LANG=C.UTF-8 TERM="${TERM:-dumb}"
      PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)
if [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -s "$NODE_EXTRA_CA_CERTS" ]; then
  cp -L "$NODE_EXTRA_CA_CERTS" "$DIR/etc/ssl/host-node-extra-ca.crt"
  ENVV+=(NODE_EXTRA_CA_CERTS=/etc/ssl/host-node-extra-ca.crt)
  say "NODE_EXTRA_CA_CERTS: the host's $NODE_EXTRA_CA_CERTS"
fi
passed=()
for v in http_proxy https_proxy ftp_proxy all_proxy no_proxy HTTP_PROXY HTTPS_PROXY FTP_PROXY ALL_PROXY NO_PROXY; do
  if [ -n "${!v:-}" ]; then ENVV+=("$v=${!v}"); passed+=("$v"); fi
done
while IFS='=' read -r k _; do   # npm_config_* set on the host
  [ -n "$k" ] && ENVV+=("$k=${!k}") && passed+=("$k")
done < <(env | grep -oE '^npm_config_[A-Za-z_]+=' | sort -u || true)
if command -v npm >/dev/null; then  # the host's npm settings that decide how the registry is reached
  for k in registry proxy https-proxy noproxy strict-ssl; do
    val=$(npm config get "$k" 2>/dev/null) || continue
    case "$val" in ""|null|undefined) continue;; esac
    ENVV+=("npm_config_${k//-/_}=$val"); passed+=("npm $k")
  done
fi
[ ${#passed[@]} -eq 0 ] || say "passed through: ${passed[*]}"

# --- the project, with ../shared beside it ----------------------------------------
if [ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no)" ]; then
  say "note: $ROOT has uncommitted changes; only the committed HEAD is tested"
fi
HEAD=$(git -C "$ROOT" rev-parse HEAD)
mkdir -p "$DIR/work"
git clone -q "$ROOT" "$DIR/work/$NAME"
git -C "$DIR/work/$NAME" checkout -q --detach "$HEAD"
if [ -d "$ROOT/../shared" ]; then
  cp -a "$ROOT/../shared" "$DIR/work/shared"
  chmod -R a-w "$DIR/work/shared"   # as CI lays it
fi
say "cloned $(git -C "$ROOT" log -1 --format='%h %s' "$HEAD") into $DIR/work/$NAME"

# --- mounts ---------------------------------------------------------------------
mnt -t proc proc "$DIR/proc"
mnt -t sysfs sysfs "$DIR/sys"
mnt --bind /dev "$DIR/dev"
mount --make-rslave "$DIR/dev"             # nothing mounted below propagates to the host
mnt --bind /dev/pts "$DIR/dev/pts"
mnt -t tmpfs -o mode=1777,size=2g tmpfs "$DIR/dev/shm"   # Chromium needs a real /dev/shm

# --- the README's test command -----------------------------------------------------
say "running 'bash scripts/test.sh' in the chroot (about 30 minutes); log: $LOG"
set +e
chroot "$DIR" /usr/bin/env -i "${ENVV[@]}" /bin/bash -c "cd /work/$NAME && bash scripts/test.sh" \
  > "$LOG" 2>&1 < /dev/null
status=$?
set -e

echo
say "the last lines of scripts/test.sh in a fresh $SUITE chroot ($LOG):"
tail -n "${TAIL_LINES:-40}" "$LOG"
echo
mins=$(( ($(date +%s) - T0 + 30) / 60 ))
if [ "$status" = 0 ]; then
  say "PASSED in $mins min (Node $(chroot "$DIR" node --version 2>/dev/null || echo '?'), $(chroot "$DIR" chromium --version 2>/dev/null | head -n1 || echo 'Chromium ?'))"
else
  say "FAILED: scripts/test.sh exited $status after $mins min; the chroot stays in $DIR"
fi
exit "$status"
