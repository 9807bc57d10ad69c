# apply_patch.cmake — the build step behind neurath_program_version
# (versions.cmake): copy a source folder and apply a patch to the copy.
#
#   cmake -DFROM=<dir> -DTO=<dir> -DPATCH_FILE=<file> -DPATCH_PROGRAM=<patch>
#         -DSTAMP=<file> -P apply_patch.cmake
#
# The copy is patched in a scratch folder (<TO>.new) and replaces TO only if
# the patch applied exactly (`patch -p1 --fuzz=0 --forward --batch`); then
# every file of TO is touched (so the build sees it as newer than the patch
# and the originals) and STAMP is touched. On failure TO is left as it was,
# the scratch folder is removed and the step fails with patch's own output.
foreach(variable FROM TO PATCH_FILE PATCH_PROGRAM STAMP)
    if(NOT DEFINED ${variable})
        message(FATAL_ERROR "apply_patch.cmake: -D${variable}=... is required")
    endif()
endforeach()
if(NOT IS_DIRECTORY ${FROM})
    message(FATAL_ERROR "apply_patch.cmake: source folder ${FROM} does not exist")
endif()
if(NOT EXISTS ${PATCH_FILE})
    message(FATAL_ERROR "apply_patch.cmake: patch ${PATCH_FILE} does not exist")
endif()

set(scratch ${TO}.new)
file(REMOVE_RECURSE ${scratch})
file(MAKE_DIRECTORY ${scratch})
file(COPY ${FROM}/ DESTINATION ${scratch})

execute_process(
    COMMAND ${PATCH_PROGRAM} -p1 --fuzz=0 --forward --batch --no-backup-if-mismatch -d ${scratch} -i ${PATCH_FILE}
    RESULT_VARIABLE status
    OUTPUT_VARIABLE output
    ERROR_VARIABLE output)
if(NOT status EQUAL 0)
    file(REMOVE_RECURSE ${scratch})
    message(FATAL_ERROR "patch ${PATCH_FILE} does not apply to ${FROM} "
        "(patch -p1 --fuzz=0 --forward --batch exited with ${status}); "
        "regenerate it against the current sources:\n${output}")
endif()

file(GLOB_RECURSE patched ${scratch}/*)
if(patched)
    file(TOUCH ${patched})
endif()
file(REMOVE_RECURSE ${TO})
file(RENAME ${scratch} ${TO})
file(TOUCH ${STAMP})
