package dev.wren.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Stack;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Parses mosquitto's {@code -D COMMAND PROPERTY VALUE [VALUE]} MQTT 5.0 property option:
 * {@code user-property} takes a name and a value, every other property one value.
 */
final class PropertyArgs implements CommandLine.IParameterConsumer {

    /** One {@code -D} occurrence. */
    record Property(String command, String name, String value, String value2) {}

    @Override
    @SuppressWarnings("unchecked")
    public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
        if (args.size() < 3) {
            throw new CommandLine.ParameterException(commandSpec.commandLine(),
                    "-D needs COMMAND PROPERTY VALUE, e.g. -D publish user-property key value");
        }
        String command = args.pop().toLowerCase();
        String name = args.pop().toLowerCase();
        String value = args.pop();
        String value2 = null;
        if (name.equals("user-property")) {
            if (args.isEmpty()) {
                throw new CommandLine.ParameterException(commandSpec.commandLine(),
                        "-D " + command + " user-property needs a name and a value");
            }
            value2 = args.pop();
        }
        List<Property> list = argSpec.getValue();
        if (list == null) {
            list = new ArrayList<>();
            argSpec.setValue(list);
        }
        list.add(new Property(command, name, value, value2));
    }
}
