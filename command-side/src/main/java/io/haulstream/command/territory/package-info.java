/** The territory aggregate: an organization's named service area, a polygon on the map. */
package io.haulstream.command.territory;
