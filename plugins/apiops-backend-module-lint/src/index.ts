/**
 * APIOps backend module that lints API definitions and checks the method's
 * audit items.
 *
 * @packageDocumentation
 */
export {};
