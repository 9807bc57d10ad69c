# patched_sources.cmake — a build-time copy of a source folder with a patch
# applied, for building another version of a program from a diff of the
# code as it is. Used by neurath_program_version (versions.cmake) and by host
# tests of patched sources.
#
# neurath_patched_sources(<out-var> NAME <name> FROM <source-dir> PATCH <patch-file> SOURCES <file>...)
#
# Adds a build step that copies <source-dir> to <build-dir>/<name>.patched
# and applies <patch-file> there with `patch -p1 --fuzz=0 --forward --batch`
# (paths in the patch are relative to <source-dir> behind one leading
# component such as a/ and b/), and sets <out-var> to the copied SOURCES
# (relative to the folder; they may name files the patch creates) for a
# target of the calling folder to compile. The step runs again whenever the
# patch or any file under <source-dir> changes. A patch that does not apply
# exactly fails the build, naming the patch and the folder (see
# apply_patch.cmake).
set(NEURATH_APPLY_PATCH_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/apply_patch.cmake)
find_program(NEURATH_PATCH_PROGRAM patch REQUIRED)

function(neurath_patched_sources out_var)
    cmake_parse_arguments(ARG "" "NAME;FROM;PATCH" "SOURCES" ${ARGN})
    if(ARG_UNPARSED_ARGUMENTS OR NOT ARG_NAME OR NOT ARG_FROM OR NOT ARG_PATCH OR NOT ARG_SOURCES)
        message(FATAL_ERROR "neurath_patched_sources: needs NAME <name> FROM <dir> PATCH <file> SOURCES <file>...;"
            " unexpected: ${ARG_UNPARSED_ARGUMENTS}")
    endif()
    get_filename_component(from ${ARG_FROM} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    get_filename_component(patch_file ${ARG_PATCH} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    if(NOT IS_DIRECTORY ${from})
        message(FATAL_ERROR "neurath_patched_sources(${ARG_NAME}): FROM ${from} is not a folder")
    endif()
    if(NOT EXISTS ${patch_file})
        message(FATAL_ERROR "neurath_patched_sources(${ARG_NAME}): PATCH ${patch_file} does not exist")
    endif()

    set(copy ${CMAKE_CURRENT_BINARY_DIR}/${ARG_NAME}.patched)
    set(stamp ${copy}.stamp)
    set(copied "")
    foreach(source ${ARG_SOURCES})
        if(IS_ABSOLUTE ${source})
            message(FATAL_ERROR "neurath_patched_sources(${ARG_NAME}): SOURCES are relative to FROM, not ${source}")
        endif()
        list(APPEND copied ${copy}/${source})
    endforeach()
    file(GLOB_RECURSE originals CONFIGURE_DEPENDS ${from}/*)
    file(RELATIVE_PATH shown_patch ${CMAKE_SOURCE_DIR} ${patch_file})

    add_custom_command(OUTPUT ${stamp} ${copied}
        COMMAND ${CMAKE_COMMAND} -DFROM=${from} -DTO=${copy} -DPATCH_FILE=${patch_file}
            -DPATCH_PROGRAM=${NEURATH_PATCH_PROGRAM} -DSTAMP=${stamp} -P ${NEURATH_APPLY_PATCH_SCRIPT}
        DEPENDS ${originals} ${patch_file} ${NEURATH_APPLY_PATCH_SCRIPT}
        COMMENT "Applying ${shown_patch} to a copy of ${from} (${ARG_NAME})"
        VERBATIM)
    set(${out_var} ${copied} PARENT_SCOPE)
endfunction()
