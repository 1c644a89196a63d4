#!/bin/sh
# Run a test program under valgrind memcheck: any error or definitely lost
# byte fails it (exit 99, which the harness counts as a failure).
exec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
    --show-leak-kinds=definite "$@"
