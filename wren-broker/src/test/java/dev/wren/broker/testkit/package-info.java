/** Test helpers shared by the broker's unit tests: reference oracles and generators. */
package dev.wren.broker.testkit;
