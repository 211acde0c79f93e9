# Compact Language Detector 2 (Debian: libcld2-dev) ships no CMake or
# pkg-config file: find its header and library and wrap them in a target.
find_path(CLD2_INCLUDE_DIR cld2/public/compact_lang_det.h)
find_library(CLD2_LIBRARY NAMES cld2)
if(NOT CLD2_INCLUDE_DIR OR NOT CLD2_LIBRARY)
  message(FATAL_ERROR "CLD2 not found: install libcld2-dev (scripts/setup.sh does)")
endif()
if(NOT TARGET CLD2::cld2)
  add_library(CLD2::cld2 UNKNOWN IMPORTED)
  set_target_properties(CLD2::cld2 PROPERTIES
    IMPORTED_LOCATION "${CLD2_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${CLD2_INCLUDE_DIR}")
endif()
