# SPDX-License-Identifier: GPL-2.0-or-later
# gen.tshark.NAME: every capture of captures/ cross-checked with tshark
# against its NAME.expected.json (tests/gen/check_capture.py).
find_program(MA_TSHARK tshark)
find_package(Python3 COMPONENTS Interpreter)
file(GLOB MA_GEN_CAPTURES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/captures/*.pcap)
if(MA_TSHARK AND Python3_Interpreter_FOUND)
  foreach(cap ${MA_GEN_CAPTURES})
    get_filename_component(name ${cap} NAME_WE)
    add_test(NAME gen.tshark.${name}
             COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/gen/check_capture.py
                     ${MA_TSHARK} ${cap} ${PROJECT_SOURCE_DIR}/captures/${name}.expected.json)
  endforeach()
else()
  message(STATUS "tshark or python3 not found: gen.tshark.* tests not registered")
endif()
# gen.membership.NAME: every IGMP/MLD message of every capture (captures/
# and captures/real/), record by record, in the CLI's JSON and in tshark's
# decoding (tests/gen/membership_tshark.py; folded repeats counted on both sides).
file(GLOB MA_MEMB_CAPTURES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/captures/*.pcap
     ${PROJECT_SOURCE_DIR}/captures/real/*.pcap ${PROJECT_SOURCE_DIR}/captures/real/*.pcapng)
if(MA_TSHARK AND Python3_Interpreter_FOUND AND TARGET mcast-audit)
  foreach(cap ${MA_MEMB_CAPTURES})
    get_filename_component(name ${cap} NAME_WE)
    get_filename_component(dir ${cap} DIRECTORY)
    get_filename_component(dir ${dir} NAME)
    if(dir STREQUAL "real")
      set(name real.${name})
    endif()
    add_test(NAME gen.membership.${name}
             COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/tests/gen/membership_tshark.py
                     $<TARGET_FILE:mcast-audit> ${MA_TSHARK} ${cap})
  endforeach()
endif()
