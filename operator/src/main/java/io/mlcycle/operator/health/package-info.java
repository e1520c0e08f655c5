/** Health checks the operator exposes under /q/health, beside those of the Operator SDK. */
package io.mlcycle.operator.health;
