# SPDX-License-Identifier: GPL-2.0-or-later
# The HTML report in a real headless Chromium (issue 15): no console error,
# no request, every verdict of the JSON report in the DOM, a ladder per
# session, a screenshot that is not blank.  The script imports Debian's
# python3-websocket and python3-png, so it runs under Debian's interpreter
# even when another python3 comes first in PATH.
find_program(MA_SYSTEM_PYTHON3 NAMES python3 PATHS /usr/bin NO_DEFAULT_PATH)
if(NOT MA_SYSTEM_PYTHON3)
  set(MA_SYSTEM_PYTHON3 python3)
endif()
set(MA_HTML_DIR ${PROJECT_SOURCE_DIR}/tests/html)
set(MA_HTML_CAPTURES ${PROJECT_SOURCE_DIR}/captures)

# The seed, a lossy, a no-join, a membership-expiry, the two static
# multicast captures (group blocks) and the two SAP-announced ones
# (described blocks), each with what it must show.
add_test(NAME html.browser
         COMMAND ${MA_SYSTEM_PYTHON3} ${MA_HTML_DIR}/browser.py $<TARGET_FILE:mcast-audit>
                 --expect hikvision-multicast-preview=MA202:missing-join
                 --expect burst-loss=MA307:burst
                 --expect no-join=MA201:missing-join
                 --expect long-no-querier=MA206,MA207:expired
                 --expect static-multicast=MA221,MA222,MA208,MA307
                 --expect static-expiry=MA223,MA360,MA206
                 --expect sap-announced=MA369
                 --expect sap-announced-ipv6=MA369
                 ${MA_HTML_CAPTURES}/hikvision-multicast-preview.pcap
                 ${MA_HTML_CAPTURES}/burst-loss.pcap
                 ${MA_HTML_CAPTURES}/no-join.pcap
                 ${MA_HTML_CAPTURES}/long-no-querier.pcap
                 ${MA_HTML_CAPTURES}/static-multicast.pcap
                 ${MA_HTML_CAPTURES}/static-expiry.pcap
                 ${MA_HTML_CAPTURES}/sap-announced.pcap
                 ${MA_HTML_CAPTURES}/sap-announced-ipv6.pcap)

# Every capture in captures/.
file(GLOB MA_HTML_ALL CONFIGURE_DEPENDS ${MA_HTML_CAPTURES}/*.pcap ${MA_HTML_CAPTURES}/*.pcapng)
add_test(NAME html.browser_all
         COMMAND ${MA_SYSTEM_PYTHON3} ${MA_HTML_DIR}/browser.py $<TARGET_FILE:mcast-audit> ${MA_HTML_ALL})
set_tests_properties(html.browser html.browser_all PROPERTIES TIMEOUT 300)
