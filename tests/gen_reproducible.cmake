# SPDX-License-Identifier: GPL-2.0-or-later
# gen.reproducible: captures/ is exactly what mcast-gen --seed 1 writes.
add_test(NAME gen.reproducible
         COMMAND sh ${PROJECT_SOURCE_DIR}/tests/gen/reproducible.sh $<TARGET_FILE:mcast-gen>
                 ${PROJECT_SOURCE_DIR}/captures)
