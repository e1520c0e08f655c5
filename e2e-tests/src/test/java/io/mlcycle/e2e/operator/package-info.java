/** The operator application run as a real process against the cluster under test. */
package io.mlcycle.e2e.operator;
