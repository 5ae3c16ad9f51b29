package io.mtapi.harness.reference;
/** TEMPORARY STUB */
public enum Fault { ; }
