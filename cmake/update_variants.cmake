# update_variants.cmake — the faulty versions of a program, for testing live
# update's rollback: /test/updates/<program>-<fault> for every fault the
# update agent can inject (NEURATH_UPDATE_FAULTS, set by libupdate/CMakeLists.txt
# in update_fault.h's order: crash-init, fail-init, hang-init, bad-invariant,
# crash-after-transfer), and neurath_updatable_server, all of a system
# server's versions at once. Included by target.cmake.
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

# neurath_updatable_server(<server> SOURCES <file>... [NEXT_SOURCES <file>...])
#
# Everything a system server's folder builds: /sbin/<server> from SOURCES;
# its next version /sbin/<server>.next from versions/next.patch (SOURCES plus
# NEXT_SOURCES, files the patch creates); /test/updates/<server>-no-hook from
# versions/no-hook.patch; and the faulty variants above.
function(neurath_updatable_server server)
    cmake_parse_arguments(ARG "" "" "SOURCES;NEXT_SOURCES" ${ARGN})
    if(ARG_UNPARSED_ARGUMENTS OR NOT ARG_SOURCES)
        message(FATAL_ERROR "neurath_updatable_server(${server}): needs SOURCES <file>... [NEXT_SOURCES <file>...];"
            " unexpected: ${ARG_UNPARSED_ARGUMENTS}")
    endif()
    set(folder ${CMAKE_CURRENT_SOURCE_DIR})
    neurath_program(${server} SOURCES ${ARG_SOURCES} IMAGE_PATH /sbin/${server})
    neurath_program_version(${server}_next FROM ${folder} PATCH ${folder}/versions/next.patch IDENTITY ${server}
        IMAGE_PATH /sbin/${server}.next SOURCES ${ARG_SOURCES} ${ARG_NEXT_SOURCES})
    neurath_program_version(${server}_no_hook FROM ${folder} PATCH ${folder}/versions/no-hook.patch IDENTITY ${server}
        IMAGE_PATH /test/updates/${server}-no-hook SOURCES ${ARG_SOURCES})
    neurath_update_variants(${server} SOURCES ${ARG_SOURCES})
endfunction()
