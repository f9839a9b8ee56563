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

# lint.clang_format: lines changed since main follow .clang-format.
find_program(MA_CLANG_FORMAT NAMES clang-format-14 clang-format)
find_program(MA_GIT_CLANG_FORMAT NAMES git-clang-format-14 git-clang-format)
if(MA_CLANG_FORMAT AND MA_GIT_CLANG_FORMAT AND NOT MA_SANITIZE)
  add_test(NAME lint.clang_format
           COMMAND bash ${PROJECT_SOURCE_DIR}/tests/lint/clang-format.sh ${PROJECT_SOURCE_DIR}
                   ${MA_CLANG_FORMAT} ${MA_GIT_CLANG_FORMAT})
  set_tests_properties(lint.clang_format PROPERTIES SKIP_RETURN_CODE 77 LABELS lint)
endif()

# lint.architecture: core/ includes no front-end header, a front end no
# internal header (docs/architecture.md draws the picture it keeps true).
add_test(NAME lint.architecture
         COMMAND python3 ${PROJECT_SOURCE_DIR}/tests/lint/architecture.py ${PROJECT_SOURCE_DIR})
set_tests_properties(lint.architecture PROPERTIES LABELS lint)
