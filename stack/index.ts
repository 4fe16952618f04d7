// The reference stack is built up in its own issue; until then the program declares nothing.
export {};
