#!/bin/sh
# Fails when a doctest case's name holds a ';': CMake splits it, and ctest then runs a name that
# matches nothing and reports success. check_test_names.sh SUITE...
status=0
for suite in "$@"; do
  bad=$("$suite" --list-test-cases --no-version 2>/dev/null | grep ';')
  if [ -n "$bad" ]; then
    echo "$(basename "$suite"): test case names with ';' (ctest would run none of them):"
    echo "$bad"
    status=1
  fi
done
exit $status
