package io.haulstream.events;

public enum ContainerType {
    CART,
    FRONT_LOAD,
    REAR_LOAD,
    ROLL_OFF,
    COMPACTOR
}
