# SPDX-License-Identifier: GPL-2.0-or-later
# install-user.cmake - copy the plugin into the per-user Wireshark plugin
# folder of whoever runs the build step ($HOME read now, not at configure
# time, so a build tree configured by another user still installs for you).
#   cmake -DSO=path/mcast_audit.so -DABI=4.0 -P install-user.cmake
if(NOT DEFINED ENV{HOME} OR "$ENV{HOME}" STREQUAL "")
  message(FATAL_ERROR "install-plugin-user: HOME is not set")
endif()
set(dest "$ENV{HOME}/.local/lib/wireshark/plugins/${ABI}/epan")
file(MAKE_DIRECTORY "${dest}")
file(COPY "${SO}" DESTINATION "${dest}")
message(STATUS "installed ${dest}/mcast_audit.so")
