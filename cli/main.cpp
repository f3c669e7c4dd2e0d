// playground-cli (work in progress).
#include <cstdio>
int main() { std::puts("playground-cli: not yet implemented"); return 1; }
