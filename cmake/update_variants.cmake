# update_variants.cmake — the faulty versions of a program, for testing live
# update's rollback: /test/updates/<program>-<fault> for every fault the
# update agent can inject (NEURATH_UPDATE_FAULTS, set by libupdate/CMakeLists.txt
# in update_fault.h's order: crash-init, fail-init, hang-init, bad-invariant,
# crash-after-transfer). Included by target.cmake.
#
# neurath_update_variants(<program> SOURCES <file>... [INCLUDES <dir>...] [LIBS <lib>...])
#
# Each variant is the program's own sources (as they are, relative to the
# calling folder like neurath_program's) built by neurath_program as target
# <program>-<fault> with IDENTITY <program> and UPDATE_FAULT <fault>: a real
# version of the program whose update agent crashes, fails, hangs or reports
# a broken invariant at the named point (libupdate/target/update_fault.h), so
# `update <program> /test/updates/<program>-<fault>` must roll back and leave
# the running version serving with its state.

function(neurath_update_variants program)
    cmake_parse_arguments(ARG "" "" "SOURCES;INCLUDES;LIBS" ${ARGN})
    if(ARG_UNPARSED_ARGUMENTS OR NOT ARG_SOURCES)
        message(FATAL_ERROR "neurath_update_variants(${program}): needs SOURCES <file>... [INCLUDES ...] [LIBS ...];"
            " unexpected: ${ARG_UNPARSED_ARGUMENTS}")
    endif()
    if(NOT NEURATH_UPDATE_FAULTS)
        message(FATAL_ERROR "neurath_update_variants(${program}): NEURATH_UPDATE_FAULTS is not set"
            " (libupdate/ must be configured first)")
    endif()
    foreach(fault ${NEURATH_UPDATE_FAULTS})
        neurath_program(${program}-${fault}
            SOURCES ${ARG_SOURCES}
            INCLUDES ${ARG_INCLUDES}
            LIBS ${ARG_LIBS}
            IDENTITY ${program}
            UPDATE_FAULT ${fault}
            IMAGE_PATH /test/updates/${program}-${fault})
    endforeach()
endfunction()
