# target.cmake — the freestanding world: kernel, runtime, servers, programs, boot image.
# Included by the top-level CMakeLists.txt when NEURATH_TARGET=ON.
#
# User space is live-updatable: libsys and every server and program are
# compiled with the Neurath pass (NEURATH_PASS_PLUGIN, built by the host world
# and passed in by cmake/host.cmake) and linked with libupdate's runtime. The
# kernel, libupdate itself and the parts of libsys under the runtime (start-up,
# allocator, kernel calls, memory functions) are compiled without it.
set(CMAKE_C_STANDARD 11)
add_compile_options(${NEURATH_WARNINGS} -O2 -g)

if(NOT NEURATH_PASS_PLUGIN OR NOT EXISTS "${NEURATH_PASS_PLUGIN}")
    message(FATAL_ERROR "target world: NEURATH_PASS_PLUGIN ('${NEURATH_PASS_PLUGIN}') is not the built "
        "pass plugin; configure the top-level project without NEURATH_TARGET, which builds the plugin "
        "and then this world, or pass -DNEURATH_PASS_PLUGIN=<host build>/llvm-pass/NeurathPass.so")
endif()
include(${CMAKE_SOURCE_DIR}/llvm-pass/cmake/NeurathInstrument.cmake)

# The pass's limits reports, one folder per instrumented library or executable
# (source file names repeat across servers): <target build>/lu-reports/<name>/.
set(NEURATH_LU_REPORT_DIR ${CMAKE_BINARY_DIR}/lu-reports)

# Where the boot-image builder picks up executables: every server and program
# installs itself here with neurath_boot_file().
set(NEURATH_SYSROOT ${CMAKE_BINARY_DIR}/sysroot)
file(MAKE_DIRECTORY ${NEURATH_SYSROOT})
set_property(GLOBAL PROPERTY NEURATH_BOOT_FILES "")
set_property(GLOBAL PROPERTY NEURATH_BOOT_TARGETS "")

# neurath_boot_file(<target> <path-in-image>): place a built executable in the boot image.
function(neurath_boot_file target image_path)
    set_property(GLOBAL APPEND PROPERTY NEURATH_BOOT_FILES "$<TARGET_FILE:${target}>=${image_path}")
    set_property(GLOBAL APPEND PROPERTY NEURATH_BOOT_TARGETS ${target})
endfunction()

# neurath_boot_data(<source-file> <path-in-image>): place a source-tree data file in the boot image.
function(neurath_boot_data source image_path)
    get_filename_component(absolute ${source} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    set_property(GLOBAL APPEND PROPERTY NEURATH_BOOT_FILES "${absolute}=${image_path}")
endfunction()

# neurath_program_version(): next versions of programs and servers from patches.
include(${CMAKE_CURRENT_LIST_DIR}/versions.cmake)
# neurath_update_variants(): the faulty versions in /test/updates for rollback tests.
include(${CMAKE_CURRENT_LIST_DIR}/update_variants.cmake)

neurath_add_component(kernel)
neurath_add_component(libsys)
neurath_add_component(libupdate)
neurath_add_component(servers)
neurath_add_component(programs)
neurath_add_component(boot)
