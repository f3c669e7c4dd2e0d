# Header-only libraries from Debian (Highway, nlohmann-json, doctest) live in
# /usr/include. emcc must never see -I/usr/include (it would pull in glibc's
# headers), so both builds reach them through a folder of symlinks instead.
set(PG_SYSINC_DIR "${CMAKE_BINARY_DIR}/sysinc")
file(MAKE_DIRECTORY "${PG_SYSINC_DIR}")
foreach(dir hwy nlohmann doctest)
  if(NOT EXISTS "/usr/include/${dir}")
    message(FATAL_ERROR "/usr/include/${dir} is missing: run scripts/install.sh (as root) first")
  endif()
  if(NOT EXISTS "${PG_SYSINC_DIR}/${dir}")
    file(CREATE_LINK "/usr/include/${dir}" "${PG_SYSINC_DIR}/${dir}" SYMBOLIC)
  endif()
endforeach()
add_library(pg_sysheaders INTERFACE)
target_include_directories(pg_sysheaders SYSTEM INTERFACE "${PG_SYSINC_DIR}")
