# versions.cmake — next versions of programs and servers, built from a patch
# against the current sources (kvd -> /bin/kvd.v2, <server> -> /sbin/<server>.next).
# Included by target.cmake; builds with neurath_program (libsys/CMakeLists.txt)
# from a patched copy made by neurath_patched_sources (patched_sources.cmake).
#
# neurath_program_version(<target> FROM <source-dir> PATCH <patch-file> IDENTITY <program>
#                         SOURCES <file>... [EXTRA_SOURCES <file>...] [IMAGE_PATH <path>]
#                         [INCLUDES <dir>...] [LIBS <lib>...] [UPDATE_FAULT <fault>])
#
# At build time <source-dir> is copied into the build tree and <patch-file>
# is applied to the copy with `patch -p1 --fuzz=0 --forward --batch` (paths in
# the patch relative to <source-dir>, behind a/ and b/); <target> is built
# from the patched copy by neurath_program, so with the same flags, crt0 and
# libsys as every program. SOURCES are relative to the copied folder and may
# name files the patch creates; the copy's own headers are found next to its
# sources. EXTRA_SOURCES are compiled as they are, neither copied nor
# patched (relative to the calling folder): files the program shares with
# another one, such as pm's use of rs's manifest parser. IMAGE_PATH,
# INCLUDES, LIBS and UPDATE_FAULT are passed on.
# IDENTITY names the program this is a version of (rs updates a running
# program only with a binary of its identity). The copy is made
# again whenever the patch or any file under <source-dir> changes. A patch
# that does not apply exactly fails the build, naming the patch and the
# folder: the patch must stay a diff of the code as it is.
include(${CMAKE_CURRENT_LIST_DIR}/patched_sources.cmake)

function(neurath_program_version target)
    cmake_parse_arguments(ARG "" "FROM;PATCH;IMAGE_PATH;IDENTITY;UPDATE_FAULT" "SOURCES;EXTRA_SOURCES;INCLUDES;LIBS"
        ${ARGN})
    if(ARG_UNPARSED_ARGUMENTS OR NOT ARG_FROM OR NOT ARG_PATCH OR NOT ARG_SOURCES OR NOT ARG_IDENTITY)
        message(FATAL_ERROR "neurath_program_version(${target}): needs FROM <dir> PATCH <file> IDENTITY <program>"
            " SOURCES <file>... [EXTRA_SOURCES <file>...] [IMAGE_PATH <path>] [INCLUDES ...] [LIBS ...]"
            " [UPDATE_FAULT <fault>];"
            " unexpected: ${ARG_UNPARSED_ARGUMENTS}")
    endif()
    neurath_patched_sources(patched NAME ${target} FROM ${ARG_FROM} PATCH ${ARG_PATCH} SOURCES ${ARG_SOURCES})
    set(image_argument "")
    if(ARG_IMAGE_PATH)
        set(image_argument IMAGE_PATH ${ARG_IMAGE_PATH})
    endif()
    set(fault_argument "")
    if(ARG_UPDATE_FAULT)
        set(fault_argument UPDATE_FAULT ${ARG_UPDATE_FAULT})
    endif()
    neurath_program(${target} SOURCES ${patched} ${ARG_EXTRA_SOURCES} ${image_argument} ${fault_argument}
        IDENTITY ${ARG_IDENTITY} INCLUDES ${ARG_INCLUDES} LIBS ${ARG_LIBS})
endfunction()
