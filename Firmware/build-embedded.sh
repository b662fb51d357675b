#!/usr/bin/env bash
# Compiles EdgeCore as firmware (Embedded Swift, riscv32 = the ESP32-C6 core, -Osize) and prints its size.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-.build-embedded}
mkdir -p "$out"
swiftc -target riscv32-none-none-eabi -enable-experimental-feature Embedded -wmo -parse-as-library -Osize \
  -module-name EdgeCore -c Sources/EdgeCore/*.swift -o "$out/EdgeCore.o"
size "$out/EdgeCore.o"
