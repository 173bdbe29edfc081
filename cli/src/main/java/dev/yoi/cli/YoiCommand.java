package dev.yoi.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code yoi} command. */
@Command(name = "yoi", mixinStandardHelpOptions = true, description = "Inspect, verify, approve and run Yoi features.")
public final class YoiCommand implements Runnable {
  public static void main(String[] args) {
    System.exit(new CommandLine(new YoiCommand()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
