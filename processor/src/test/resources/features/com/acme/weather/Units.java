package com.acme.weather;

/** A service the weather feature requires. */
public interface Units {
  double celsius(double fahrenheit);
}
