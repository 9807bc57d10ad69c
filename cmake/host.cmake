# host.cmake — the host world: unit tests, LLVM pass, host runtime and tools,
# plus the target world as an external project configured with toolchain.cmake.
#
# The pass plugin is built first: the target world compiles every server,
# program and libsys with it, so it is handed the plugin's path and is built
# only once the plugin exists (its objects depend on the plugin file, so a
# changed plugin rebuilds them).
include(ExternalProject)
enable_testing()

neurath_add_component(llvm-pass)
if(NOT NEURATH_PASS_PLUGIN OR NOT TARGET neurath_pass)
    message(FATAL_ERROR "host world: llvm-pass/ must define the pass plugin before the target world")
endif()

ExternalProject_Add(neurath_target
    SOURCE_DIR ${CMAKE_SOURCE_DIR}
    BINARY_DIR ${CMAKE_BINARY_DIR}/target
    CMAKE_ARGS
        -DNEURATH_TARGET=ON
        -DCMAKE_TOOLCHAIN_FILE=${CMAKE_SOURCE_DIR}/toolchain.cmake
        -DCMAKE_BUILD_TYPE=RelWithDebInfo
        -DNEURATH_PASS_PLUGIN=${NEURATH_PASS_PLUGIN}
        -G ${CMAKE_GENERATOR}
    DEPENDS ${NEURATH_PASS_TARGET}
    INSTALL_COMMAND ""
    BUILD_ALWAYS ON
    USES_TERMINAL_BUILD ON)

neurath_add_component(libupdate)
neurath_add_component(tools)
neurath_add_component(tests)
