# Writes OUT: a C++ file holding the bytes of IN as NAME[] and NAME_size.
if(STRIP_COMMENTS)
  # GLSL: drop `//` comments and the lines they leave blank (no `//` appears
  # inside a string in GLSL, which has no strings).
  file(READ "${IN}" text)
  string(REGEX REPLACE "//[^\n]*" "" text "${text}")
  string(REGEX REPLACE "[ \t]+\n" "\n" text "${text}")
  string(REGEX REPLACE "\n\n+" "\n" text "${text}")
  string(REGEX REPLACE "^\n" "" text "${text}")
  file(WRITE "${OUT}.txt" "${text}")
  file(READ "${OUT}.txt" hex HEX)
elseif(COMPACT_JSON)
  file(READ "${IN}" text)
  string(REGEX REPLACE "\r?\n[ \t]*" "" text "${text}")
  file(WRITE "${OUT}.txt" "${text}")
  file(READ "${OUT}.txt" hex HEX)
else()
  file(READ "${IN}" hex HEX)
endif()
string(LENGTH "${hex}" n)
math(EXPR size "${n} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
file(WRITE "${OUT}" "// Generated from ${IN} by cmake/embed_file.cmake. Do not edit.\n"
  "extern const unsigned char ${NAME}[];\nextern const unsigned long ${NAME}_size;\n"
  "const unsigned char ${NAME}[] = {\n${bytes}0x00};\nconst unsigned long ${NAME}_size = ${size};\n")
