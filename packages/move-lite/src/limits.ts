/** Move VM limits shared by the verifier and the interpreter (move-vm-runtime `interpreter.rs`). */
export const OPERAND_STACK_LIMIT = 1024;
export const CALL_STACK_LIMIT = 1024;
