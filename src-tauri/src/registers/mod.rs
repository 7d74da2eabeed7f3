//! The registers the shelter keeps up to date: the municipalities that place people, the rooms
//! and their beds, and the daily fees (tariffs).

pub mod municipalities;
pub mod room_closures;
pub mod rooms;
pub mod tariffs;
