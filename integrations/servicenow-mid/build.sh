#!/usr/bin/env bash
# Builds build/midkv-credential-resolver.jar with the plain JDK and prints its path.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build="$here/build"
classes="$build/classes"
jar_file="$build/midkv-credential-resolver.jar"
version="1.0"

rm -rf "$classes" "$jar_file"
mkdir -p "$classes"

find "$here/src" -name '*.java' | sort > "$build/sources.txt"
javac --release 17 -Xlint:all -Werror -encoding UTF-8 -d "$classes" @"$build/sources.txt"

cat > "$build/MANIFEST.MF" <<MANIFEST
Implementation-Title: midkv credential resolver for ServiceNow MID Server
Implementation-Version: $version
Implementation-Vendor: midkv
MANIFEST

jar --create --file "$jar_file" --manifest "$build/MANIFEST.MF" -C "$classes" .
echo "$jar_file"
