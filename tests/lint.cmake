# SPDX-License-Identifier: GPL-2.0-or-later
# lint.clang_tidy: clang-tidy's bugprone-*/cert-* (see .clang-tidy) over all
# product sources, using compile_commands.json.  Only where clang-tidy is
# installed, and not in sanitizer builds (the same sources; CI time).
find_program(MA_CLANG_TIDY NAMES clang-tidy clang-tidy-14)
find_program(MA_RUN_CLANG_TIDY NAMES run-clang-tidy run-clang-tidy-14)
if(MA_CLANG_TIDY AND NOT MA_SANITIZE)
  set(MA_LINT_RUNNER "")
  if(MA_RUN_CLANG_TIDY)
    set(MA_LINT_RUNNER ${MA_RUN_CLANG_TIDY})
  endif()
  add_test(NAME lint.clang_tidy
           COMMAND bash ${PROJECT_SOURCE_DIR}/tests/lint/clang-tidy.sh ${PROJECT_SOURCE_DIR}
                   ${PROJECT_BINARY_DIR} ${MA_CLANG_TIDY} ${MA_LINT_RUNNER})
  # It runs one clang-tidy per core: let ctest -j count them.
  set_tests_properties(lint.clang_tidy PROPERTIES PROCESSORS 2 TIMEOUT 600 LABELS lint)
endif()
